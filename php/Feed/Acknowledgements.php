<?php
/**
 * Marks orders as transferred to a consumer.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

defined( 'ABSPATH' ) || exit;

/**
 * Stored through WooCommerce's CRUD as order meta (without saving the order, see save_without_modifying()), so it
 * works on HPOS and posts storage and travels with sync:
 * - `_flashnode_transfer_<key id>`: time, reference and consumer name of that consumer's acknowledgement;
 * - `_flashnode_transferred`: time of the first acknowledgement by any consumer (for the "not transferred" filter).
 * The first acknowledgement by a consumer adds an order note; repeating it (same consumer, same reference)
 * changes nothing. A new reference from the same consumer replaces the old one, with a note.
 */
final class Acknowledgements {

	/** Meta: first transfer to any consumer. */
	/** What every meta key of the acknowledgements starts with (ANY_META and META_PREFIX alike). */
	public const META_STEM = '_flashnode_transfer';

	public const ANY_META = '_flashnode_transferred';

	/** Meta prefix: one per consumer (API key id). */
	public const META_PREFIX = '_flashnode_transfer_';

	/** Results per order. */
	public const ACKNOWLEDGED = 'acknowledged';

	public const UNCHANGED = 'unchanged';

	public const NOT_FOUND = 'not_found';

	/**
	 * Acknowledges orders for a consumer.
	 *
	 * @param int[]               $order_ids Order ids.
	 * @param array<string,mixed> $key       The consumer's key row (Integrator\PresentedKey::lookup()).
	 * @param string              $reference External id, may be ''.
	 * @return array<int,string> Order id => result.
	 */
	public static function acknowledge( array $order_ids, array $key, string $reference ): array {
		$name    = Consumers::name_of( $key );
		$meta    = self::META_PREFIX . (int) $key['key_id'];
		$results = array();
		foreach ( $order_ids as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( ! $order instanceof \WC_Order ) {
				$results[ $order_id ] = self::NOT_FOUND;
				continue;
			}
			$previous = $order->get_meta( $meta );
			if ( is_array( $previous ) && ( $previous['reference'] ?? '' ) === $reference ) {
				$results[ $order_id ] = self::UNCHANGED;
				continue;
			}
			$now = gmdate( 'Y-m-d\TH:i:s\Z' );
			$order->update_meta_data(
				$meta,
				array(
					'at'        => $now,
					'reference' => $reference,
					'consumer'  => $name,
				)
			);
			if ( '' === (string) $order->get_meta( self::ANY_META ) ) {
				$order->update_meta_data( self::ANY_META, $now );
			}
			self::save_without_modifying( $order );
			$order->add_order_note(
				'' === $reference
					/* translators: %s: name of the service (its API key's description). */
					? sprintf( __( 'Transferred to %s.', 'flashnode-connector' ), $name )
					/* translators: 1: name of the service, 2: its reference for the order. */
					: sprintf( __( 'Transferred to %1$s (ref %2$s).', 'flashnode-connector' ), $name, $reference ),
				0,
				// By the key's user: a connection's own user, so the note's author names the service.
				true
			);
			$results[ $order_id ] = self::ACKNOWLEDGED;
		}
		return $results;
	}

	/**
	 * Saves the order's meta and nothing else, so date_modified stays what it was: an acknowledgement is not a change
	 * of the order, and moving its time would hand it back as changed to every consumer, ours and any other
	 * service's time-window poller. On posts storage WooCommerce writes meta without touching the post. On HPOS
	 * it saves the whole order after a meta change (new date_modified) unless its filter
	 * woocommerce_orders_table_datastore_should_save_after_meta_change says no (WooCommerce ≥ 8.8; WooCommerce
	 * itself uses it the same way). The order note is a comment and does not save the order.
	 *
	 * @param \WC_Order $order Order with the new meta set.
	 */
	private static function save_without_modifying( \WC_Order $order ): void {
		add_filter( 'woocommerce_orders_table_datastore_should_save_after_meta_change', '__return_false' );
		try {
			$order->save_meta_data();
		} finally {
			remove_filter( 'woocommerce_orders_table_datastore_should_save_after_meta_change', '__return_false' );
		}
	}

	/**
	 * Every consumer's acknowledgement of an order, keyed by key id.
	 *
	 * @param \WC_Order $order Order.
	 * @return array<int,array{at:string,reference:string,consumer:string}>
	 */
	public static function of( \WC_Order $order ): array {
		$transfers = array();
		foreach ( $order->get_meta_data() as $meta ) {
			$data = $meta->get_data();
			$key  = (string) $data['key'];
			if ( 0 !== strpos( $key, self::META_PREFIX ) || ! is_array( $data['value'] ) || ! ctype_digit( substr( $key, strlen( self::META_PREFIX ) ) ) ) {
				continue;
			}
			$transfers[ (int) substr( $key, strlen( self::META_PREFIX ) ) ] = array(
				'at'        => (string) ( $data['value']['at'] ?? '' ),
				'reference' => (string) ( $data['value']['reference'] ?? '' ),
				'consumer'  => (string) ( $data['value']['consumer'] ?? '' ),
			);
		}
		return $transfers;
	}
}
