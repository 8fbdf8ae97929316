<?php
/**
 * Which order statuses count as "to transfer", for each consumer of the feed.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Feed;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Two services on one shop may want different orders: an ERP the paid ones ("processing"), an invoicing app the
 * completed ones. A connection whose link asked for statuses keeps them on its record; its keys' orders to
 * transfer, and so their stuck orders, are those. A connection without its own (the shop's only one, a 0.4 one, a
 * link that asked for none) and a key made by hand follow the shop-wide setting (Transfer settings). Answers use
 * the records read once per call: callers pass Connections::all() when they ask for several keys.
 */
final class TransferStatuses {

	/**
	 * The statuses a key's consumer transfers.
	 *
	 * @param int                                 $key_id      Key.
	 * @param array<int,array<string,mixed>>|null $connections Connections::all(), when the caller has it.
	 * @return string[] Statuses with the wc- prefix, as the settings keep them.
	 */
	public static function for_key( int $key_id, ?array $connections = null ): array {
		foreach ( $connections ?? Connections::all() as $connection ) {
			if ( in_array( $key_id, $connection['key_ids'], true ) ) {
				return array() === $connection['order_statuses'] ? Settings::all()['order_statuses'] : $connection['order_statuses'];
			}
		}
		return Settings::all()['order_statuses'];
	}

	/**
	 * Every status some consumer transfers: each connection's own, and the shop-wide ones while anything follows
	 * them (a connection without its own, a key made by hand that read the feed, or no connection at all).
	 *
	 * @param int[]                               $consumer_key_ids Keys that read or acknowledged (Consumers::all()).
	 * @param array<int,array<string,mixed>>|null $connections      Connections::all(), when the caller has it.
	 * @return string[]
	 */
	public static function any( array $consumer_key_ids, ?array $connections = null ): array {
		$connections = $connections ?? Connections::all();
		$statuses    = array();
		$shop_wide   = array() === $connections;
		$owned_keys  = array();
		foreach ( $connections as $connection ) {
			$shop_wide  = $shop_wide || array() === $connection['order_statuses'];
			$statuses   = array_merge( $statuses, $connection['order_statuses'] );
			$owned_keys = array_merge( $owned_keys, $connection['key_ids'] );
		}
		if ( $shop_wide || array() !== array_diff( $consumer_key_ids, $owned_keys ) ) {
			$statuses = array_merge( Settings::all()['order_statuses'], $statuses );
		}
		return array_values( array_unique( $statuses ) );
	}
}
