<?php
/**
 * Which connections the plugin delivers to, and how their WooCommerce webhooks step aside.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Delivery;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Feed\Feed;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * A connection's order webhooks (topics order.*) stay WooCommerce webhooks, paused: they hold the delivery URL,
 * the secret the service verifies with, the topic and the user the payload is built as, and they show in
 * WooCommerce's own webhook screen. The plugin delivers their changes from the change log instead (Deliverer);
 * WooCommerce sends each event once and disables a webhook after 5 failures, the plugin retries and never
 * disables. Other topics (product.updated) stay WooCommerce's to send.
 *
 * Moving over is adopt(): the webhooks are paused and the connection's cursor starts at the log's safe head, so
 * the changes before it were WooCommerce's to send (and were sent, or queued) and the changes after it are the
 * plugin's: none is sent twice during the switch. Should the owner switch such a webhook back on in
 * WooCommerce's screen, WooCommerce is still kept from sending (keep_woocommerce_quiet()).
 */
final class Adoption {

	/** Autoloaded option: the version of this migration that has run (existing connections moved over). */
	public const MIGRATED_OPTION = 'flashnode_connector_deliveries_migrated';

	/** Version of the migration. */
	private const MIGRATION = '1';

	/**
	 * Whether the plugin delivers this connection's order changes.
	 *
	 * @param array<string,mixed> $record A connection.
	 */
	public static function delivers( array $record ): bool {
		return in_array( $record['delivery_format'] ?? null, Connections::DELIVERY_FORMATS, true );
	}

	/**
	 * The connection's order webhooks that still exist, by topic.
	 *
	 * @param array<string,mixed> $record A connection.
	 * @return array<string,array<int,\WC_Webhook>>
	 */
	public static function webhooks( array $record ): array {
		$by_topic = array();
		foreach ( (array) $record['webhook_ids'] as $webhook_id ) {
			$webhook = WebhookRegistry::find( (int) $webhook_id );
			if ( null !== $webhook && 0 === strpos( (string) $webhook->get_topic(), 'order.' ) ) {
				$by_topic[ (string) $webhook->get_topic() ][] = $webhook;
			}
		}
		return $by_topic;
	}

	/**
	 * Moves a connection's order webhooks over to the plugin's deliveries (nothing when it has none). A
	 * connection that delivered before (approved again) keeps its cursor: nothing between is lost.
	 *
	 * @param array<string,mixed> $record A connection.
	 * @param string|null         $format Delivery format; null keeps the connection's, or the default.
	 * @return array<string,mixed> The record as saved.
	 */
	public static function adopt( array $record, ?string $format = null ): array {
		$webhooks = self::webhooks( $record );
		if ( array() === $webhooks ) {
			return $record;
		}
		foreach ( $webhooks as $list ) {
			foreach ( $list as $webhook ) {
				if ( 'paused' !== $webhook->get_status() ) {
					$webhook->set_status( 'paused' );
					$webhook->save();
				}
			}
		}
		$id = (string) $record['id'];
		if ( ! DeliveryState::exists( $id ) ) {
			$state           = DeliveryState::get( $id );
			$state['cursor'] = Feed::safe_head();
			DeliveryState::save( $id, $state );
		}
		$record['delivery_format'] = $format ?? ( self::delivers( $record ) ? $record['delivery_format'] : Connections::DELIVERY_FORMATS[0] );
		Connections::save( $record );
		return $record;
	}

	/**
	 * Moves every existing connection over, once per migration version (called on every request until done; one
	 * autoloaded option read after).
	 *
	 * @return bool Whether it ran now.
	 */
	public static function maybe_migrate(): bool {
		if ( self::MIGRATION === get_option( self::MIGRATED_OPTION ) ) {
			return false;
		}
		foreach ( Connections::all() as $record ) {
			if ( ! self::delivers( $record ) ) {
				self::adopt( $record );
			}
		}
		update_option( self::MIGRATED_OPTION, self::MIGRATION, true );
		return true;
	}

	/**
	 * Filter woocommerce_webhook_should_deliver: WooCommerce never sends an event of a webhook the plugin delivers.
	 *
	 * @param bool|mixed $should  WooCommerce's decision.
	 * @param mixed      $webhook The webhook.
	 * @return bool|mixed
	 */
	public static function keep_woocommerce_quiet( $should, $webhook ) {
		if ( ! $should || ! $webhook instanceof \WC_Webhook || ! in_array( (int) $webhook->get_id(), WebhookRegistry::ids(), true ) ) {
			return $should;
		}
		foreach ( Connections::all() as $record ) {
			if ( self::delivers( $record ) && in_array( (int) $webhook->get_id(), $record['webhook_ids'], true ) && 0 === strpos( (string) $webhook->get_topic(), 'order.' ) ) {
				return false;
			}
		}
		return $should;
	}
}
