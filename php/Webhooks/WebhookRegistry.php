<?php
/**
 * The webhooks this plugin registered.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

defined( 'ABSPATH' ) || exit;

/**
 * Remembers the ids of the WooCommerce webhooks the plugin created, so it lists, monitors and removes only its
 * own and never the shop's other webhooks.
 */
final class WebhookRegistry {

	/** Option with the webhook ids (not autoloaded). */
	public const OPTION = 'flashnode_connector_webhook_ids';

	/**
	 * Ids of the plugin's webhooks that still exist.
	 *
	 * @return int[]
	 */
	public static function ids(): array {
		$ids = get_option( self::OPTION, array() );
		return is_array( $ids ) ? array_values( array_unique( array_map( 'intval', $ids ) ) ) : array();
	}

	/**
	 * Status of each of the plugin's webhooks, without secrets.
	 *
	 * @return array<int,array{id:int,name:string,topic:string,status:string,delivery_url:string,failure_count:int}>
	 */
	public static function summaries(): array {
		$summaries = array();
		foreach ( self::ids() as $id ) {
			$webhook = wc_get_webhook( $id );
			if ( ! $webhook ) {
				continue;
			}
			$summaries[] = array(
				'id'            => $id,
				'name'          => $webhook->get_name(),
				'topic'         => $webhook->get_topic(),
				'status'        => $webhook->get_status(),
				'delivery_url'  => $webhook->get_delivery_url(),
				'failure_count' => (int) $webhook->get_failure_count(),
			);
		}
		return $summaries;
	}
}
