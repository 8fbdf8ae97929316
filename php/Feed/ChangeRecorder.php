<?php
/**
 * Writes a change-log row whenever WooCommerce changes an order.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Listens to WooCommerce's own order saves, which run on HPOS and on posts storage alike (never save_post, which
 * misses HPOS and fires for every post). One row per completed save: woocommerce_before_order_object_save notes
 * what the save is (a new order, a draft becoming an order, a status change, any other update) and
 * woocommerce_after_order_object_save, which fires once the data store and the items are written, records it
 * with ChangeLog::record_current(): the status and date_modified the storage now holds, not the object's.
 *
 * Why not the data store's woocommerce_new_order / woocommerce_update_order / woocommerce_order_status_changed:
 * they fire before the save is complete or after it, several per save or none (HPOS skips the update hook
 * when only internal props such as "stock reduced" change, yet moves date_modified), and the object they pass
 * still carries its previous date_modified on posts storage. Saves of the status hooks that
 * WC_Order::status_transition() runs after the save are saves of their own, each with its row, so the last row
 * of a request is the order's final state. Checkout drafts select nothing (see ChangeLog), so a checkout's
 * draft saves write no row and the save that makes it an order is its 'created' row.
 *
 * Trash, untrash and delete: see RemovalRecorder.
 */
final class ChangeRecorder {

	/** Statuses that mean "not an order yet" (without the "wc-" prefix). */
	private const DRAFTS = array( 'new', 'auto-draft', 'draft', 'checkout-draft' );

	/**
	 * Nesting depth of suppress(): while > 0, nothing is recorded.
	 *
	 * @var int
	 */
	private static $suppressed = 0;

	/**
	 * The event of each save in progress, by the saved object's id (spl_object_id; a new order has no id yet).
	 *
	 * @var array<int,string>
	 */
	private $saving = array();

	/**
	 * Hooks in. Called on every request when the table exists (see Plugin).
	 */
	public function register(): void {
		add_action( 'woocommerce_before_order_object_save', array( $this, 'before_save' ) );
		// Last, so that what other plugins' handlers of the same hook save is part of this save's row.
		add_action( 'woocommerce_after_order_object_save', array( $this, 'after_save' ), PHP_INT_MAX );
		add_action( 'woocommerce_order_refunded', array( $this, 'refunded' ) );
	}

	/**
	 * Whether recording is suspended (see suppress()).
	 */
	public static function suppressed(): bool {
		return self::$suppressed > 0;
	}

	/**
	 * Runs a callback without recording its order saves, for code that saves orders on behalf of the plugin
	 * itself and must not hand them back to consumers as changed.
	 *
	 * @param callable $callback Code that saves orders.
	 * @return mixed What the callback returned.
	 */
	public static function suppress( callable $callback ) {
		++self::$suppressed;
		try {
			return $callback();
		} finally {
			--self::$suppressed;
		}
	}

	/**
	 * A save starts: note what it is, from the changes it carries (the previous values are still the object's data).
	 *
	 * @param mixed $order Order being saved.
	 */
	public function before_save( $order ): void {
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$changes = $order->get_changes();
		$event   = 'updated';
		$before  = (string) ( $order->get_data()['status'] ?? '' );
		if ( ! $order->get_id() || ( isset( $changes['status'] ) && in_array( $before, self::DRAFTS, true ) ) ) {
			$event = 'created';
		} elseif ( isset( $changes['status'] ) && $changes['status'] !== $before ) {
			$event = 'status_changed';
		}
		$this->saving[ spl_object_id( $order ) ] = $event;
	}

	/**
	 * The save is complete: its row, from the storage. An order saved as a draft still 'created' on its next save
	 * that leaves the draft status, because WooCommerce keeps the draft status in the object's data until then.
	 *
	 * @param mixed $order Order saved.
	 */
	public function after_save( $order ): void {
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$key   = spl_object_id( $order );
		$event = $this->saving[ $key ] ?? 'updated';
		unset( $this->saving[ $key ] );
		if ( self::$suppressed > 0 || $order->get_id() <= 0 ) {
			return;
		}
		ChangeLog::record_current( $order->get_id(), $event );
	}

	/**
	 * Hook woocommerce_order_refunded (the parent order's id). Always its own row: refunds are rare, and a partial
	 * refund need not save the parent order at all.
	 *
	 * @param mixed $order_id Order id.
	 */
	public function refunded( $order_id ): void {
		if ( self::$suppressed > 0 || (int) $order_id <= 0 ) {
			return;
		}
		ChangeLog::record_current( (int) $order_id, 'refunded' );
	}
}
