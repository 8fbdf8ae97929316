<?php
/**
 * The "Transfers" box on the order edit screen.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Feed\Acknowledgements;

defined( 'ABSPATH' ) || exit;

/**
 * Shows which services acknowledged the order, when, and their reference, on the HPOS edit screen and the
 * posts-storage one (WooCommerce passes a WC_Order to the first, WordPress a WP_Post to the second).
 */
final class OrderTransferBox {

	/**
	 * Hooks in. Admin requests only.
	 */
	public function register(): void {
		add_action( 'add_meta_boxes', array( $this, 'add' ), 40, 1 );
	}

	/**
	 * Adds the box to the order screen, whichever storage.
	 *
	 * @param mixed $screen_id Screen or post type the meta boxes are added for.
	 */
	public function add( $screen_id ): void {
		$order_screen = function_exists( 'wc_get_page_screen_id' ) ? wc_get_page_screen_id( 'shop-order' ) : 'shop_order';
		if ( $order_screen !== $screen_id && 'shop_order' !== $screen_id ) {
			return;
		}
		add_meta_box( 'flashnode-transfers', __( 'Transfers', 'flashnode-connector' ), array( $this, 'render' ), $order_screen, 'side', 'default' );
	}

	/**
	 * Prints the box.
	 *
	 * @param mixed $post_or_order WP_Post or WC_Order.
	 */
	public function render( $post_or_order ): void {
		$order = $post_or_order instanceof \WP_Post ? wc_get_order( $post_or_order->ID ) : $post_or_order;
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		$transfers = Acknowledgements::of( $order );
		if ( array() === $transfers ) {
			echo '<p class="flashnode-transfer flashnode-transfer--none">' . esc_html__( 'Not transferred to any service yet.', 'flashnode-connector' ) . '</p>';
			return;
		}
		echo '<ul class="flashnode-transfers">';
		foreach ( $transfers as $transfer ) {
			echo '<li class="flashnode-transfer flashnode-transfer--done"><strong>' . esc_html( $transfer['consumer'] ) . '</strong><br>'
				/* translators: %s: time in UTC. */
				. esc_html( sprintf( __( 'Transferred %s', 'flashnode-connector' ), $transfer['at'] ) );
			if ( '' !== $transfer['reference'] ) {
				/* translators: %s: the service's reference. */
				echo '<br>' . esc_html( sprintf( __( 'Reference: %s', 'flashnode-connector' ), $transfer['reference'] ) );
			}
			echo '</li>';
		}
		echo '</ul>';
	}
}
