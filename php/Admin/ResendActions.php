<?php
/**
 * "Send to <service> again" on an order and in the orders list (HPOS and posts storage).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Delivery\Resend;

defined( 'ABSPATH' ) || exit;

/**
 * Offered only while a connected service receives deliveries. A resend is a `resent` change in the log, which
 * every service sees (Delivery\Resend), so with several services the action names them all rather than pretending
 * to reach one only.
 */
final class ResendActions {

	/** Action id, in the order actions box and the bulk actions. */
	public const ACTION = 'flashnode_resend';

	/** Query argument of the orders list after a bulk resend: how many orders. */
	private const DONE_ARG = 'flashnode_resent';

	/**
	 * Hooks in. Admin requests only.
	 */
	public function register(): void {
		add_filter( 'woocommerce_order_actions', array( $this, 'add_action' ) );
		add_action( 'woocommerce_order_action_' . self::ACTION, array( $this, 'resend_one' ) );
		foreach ( array( 'woocommerce_page_wc-orders', 'edit-shop_order' ) as $screen ) {
			add_filter( 'bulk_actions-' . $screen, array( $this, 'add_action' ) );
			add_filter( 'handle_bulk_actions-' . $screen, array( $this, 'resend_many' ), 10, 3 );
		}
		add_action( 'admin_notices', array( $this, 'show_result' ) );
	}

	/**
	 * The action's label, or null while no service receives deliveries.
	 */
	public static function label(): ?string {
		$names = array_column( Dispatcher::delivering(), 'service_name' );
		if ( array() === $names ) {
			return null;
		}
		return 1 === count( $names )
			/* translators: %s: service name. */
			? sprintf( __( 'Send to %s again', 'flashnode-connector' ), $names[0] )
			/* translators: %s: comma-separated service names. */
			: sprintf( __( 'Send to connected services again (%s)', 'flashnode-connector' ), implode( ', ', $names ) );
	}

	/**
	 * Filters woocommerce_order_actions and bulk_actions-{screen}: adds the action.
	 *
	 * @param mixed $actions Actions by id.
	 * @return mixed
	 */
	public function add_action( $actions ) {
		$label = self::label();
		if ( is_array( $actions ) && null !== $label && current_user_can( 'edit_shop_orders' ) ) {
			$actions[ self::ACTION ] = $label;
		}
		return $actions;
	}

	/**
	 * The order action: WooCommerce calls it while saving the order screen, nonce and capability checked.
	 *
	 * @param mixed $order The order.
	 */
	public function resend_one( $order ): void {
		if ( $order instanceof \WC_Order && array() !== Resend::orders( array( $order->get_id() ) ) ) {
			/* translators: %s: the action's label, e.g. "Send to QA ERP again". */
			$order->add_order_note( sprintf( __( '%s: queued by the shop owner.', 'flashnode-connector' ), (string) self::label() ), 0, true );
		}
	}

	/**
	 * The bulk action: WordPress and WooCommerce check the list's nonce before calling this.
	 *
	 * @param mixed $redirect Where to go next.
	 * @param mixed $action   The chosen action.
	 * @param mixed $ids      The selected orders.
	 * @return mixed
	 */
	public function resend_many( $redirect, $action, $ids ) {
		if ( self::ACTION !== $action || ! is_string( $redirect ) || ! current_user_can( 'edit_shop_orders' ) ) {
			return $redirect;
		}
		$done = Resend::orders( is_array( $ids ) ? $ids : array() );
		return add_query_arg( self::DONE_ARG, count( $done ), $redirect );
	}

	/**
	 * After a bulk resend: how many orders were queued.
	 */
	public function show_result(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a count to display, no action taken.
		if ( ! isset( $_GET[ self::DONE_ARG ] ) || ! current_user_can( 'edit_shop_orders' ) ) {
			return;
		}
		$count = absint( $_GET[ self::DONE_ARG ] ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$label = self::label();
		// Without a label (the services were disconnected meanwhile), the changes are still in the feed.
		$text = null === $label
			/* translators: %d: number of orders. */
			? sprintf( _n( '%d order queued to be sent again.', '%d orders queued to be sent again.', $count, 'flashnode-connector' ), $count )
			/* translators: 1: number of orders, 2: the action's label, e.g. "Send to QA ERP again". */
			: sprintf( _n( '%1$d order queued: %2$s.', '%1$d orders queued: %2$s.', $count, 'flashnode-connector' ), $count, $label );
		printf( '<div class="notice notice-success is-dismissible flashnode-resent"><p>%s</p></div>', esc_html( $text ) );
	}
}
