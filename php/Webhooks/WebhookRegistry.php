<?php
/**
 * The webhooks this plugin registered.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

use Flashnode\Connector\Storage\OwnedIds;

defined( 'ABSPATH' ) || exit;

/**
 * Creates WooCommerce webhooks through WooCommerce's own WC_Webhook API (payloads as REST API v3) and remembers
 * their ids, so the plugin lists, monitors and removes only its own and never the shop's other webhooks.
 */
final class WebhookRegistry {

	/** Option with the webhook ids (not autoloaded). */
	public const OPTION = 'flashnode_connector_webhook_ids';

	/** Payload format: WooCommerce REST API v3, as the integrations read it. */
	private const API_VERSION = 'wp_api_v3';

	/**
	 * Registers one webhook per topic for a delivery URL (already validated by OutboundUrl). A topic the plugin
	 * already delivers to that URL is kept as it is, so repeating the request creates nothing twice.
	 *
	 * @param string   $delivery_url Where WooCommerce POSTs.
	 * @param string[] $topics       Subset of Topics::ids().
	 * @param string   $name         Name prefix, e.g. "Flashnode".
	 * @return array{secret:?string,created:int[],kept:int[]} secret is null when every topic existed already
	 *                                                       (its secret was shown when it was created).
	 */
	public static function register( string $delivery_url, array $topics, string $name ): array {
		// WooCommerce stores the URL through esc_url_raw(); compare in that form, or a repeat would not match.
		$delivery_url = esc_url_raw( $delivery_url );
		$existing     = array();
		$secret       = null;
		foreach ( self::webhooks() as $webhook ) {
			if ( $webhook->get_delivery_url() === $delivery_url ) {
				$existing[ $webhook->get_topic() ] = $webhook->get_id();
				// New topics for a known URL share its secret, so the receiver needs only one.
				$secret = $secret ?? (string) $webhook->get_secret( 'edit' );
			}
		}
		// Letters and digits only (238 bits): the secret is pasted into the service's settings, where quotes and spaces break.
		$shared_secret = $secret ?? wp_generate_password( 40, false );
		$created       = array();
		foreach ( array_diff( $topics, array_keys( $existing ) ) as $topic ) {
			$created[] = self::create( $delivery_url, $topic, $name, get_current_user_id(), $shared_secret );
		}
		self::owned()->add( $created );
		return array(
			'secret'  => null === $secret && array() !== $created ? $shared_secret : null,
			'created' => $created,
			'kept'    => array_values( array_intersect_key( $existing, array_flip( $topics ) ) ),
		);
	}

	/**
	 * New webhooks of a connection, one per topic, with a new shared secret and the connection's user (WooCommerce
	 * builds each payload as the webhook's user, so the payload holds what the service may read). Unlike
	 * register(), nothing existing is reused: the hand-off hands over this secret, and approving a service again
	 * replaces its webhooks.
	 *
	 * @param string   $delivery_url Where WooCommerce POSTs (validated by OutboundUrl).
	 * @param string[] $topics       Subset of Topics::ids().
	 * @param string   $name         Name prefix (the service's name).
	 * @param int      $user_id      The connection's user.
	 * @return array{secret:string,created:int[]}
	 */
	public static function register_for_service( string $delivery_url, array $topics, string $name, int $user_id ): array {
		$secret  = wp_generate_password( 40, false );
		$created = array();
		foreach ( $topics as $topic ) {
			// Order topics are created paused: the plugin delivers them itself, with retries (Delivery\Adoption),
			// and WooCommerce must not send a single one of them in the meantime.
			$status    = 0 === strpos( $topic, 'order.' ) ? 'paused' : 'active';
			$created[] = self::create( esc_url_raw( $delivery_url ), $topic, $name, $user_id, $secret, $status );
		}
		self::owned()->add( $created );
		return array(
			'secret'  => $secret,
			'created' => $created,
		);
	}

	/**
	 * Creates one webhook.
	 *
	 * @param string $delivery_url Where WooCommerce POSTs.
	 * @param string $topic        Topic.
	 * @param string $name         Name prefix.
	 * @param int    $user_id      The user WooCommerce builds the payload as.
	 * @param string $secret       Signing secret.
	 * @param string $status       active or paused.
	 */
	private static function create( string $delivery_url, string $topic, string $name, int $user_id, string $secret, string $status = 'active' ): int {
		$webhook = new \WC_Webhook();
		$webhook->set_name( $name . ' – ' . $topic );
		$webhook->set_user_id( $user_id );
		$webhook->set_topic( $topic );
		$webhook->set_delivery_url( $delivery_url );
		$webhook->set_secret( $secret );
		$webhook->set_api_version( self::API_VERSION );
		$webhook->set_status( $status );
		return (int) $webhook->save();
	}

	/**
	 * One of the plugin's webhooks, or null.
	 *
	 * @param int $id Webhook id.
	 */
	public static function find( int $id ): ?\WC_Webhook {
		if ( ! in_array( $id, self::ids(), true ) ) {
			return null;
		}
		$webhook = wc_get_webhook( $id );
		return $webhook instanceof \WC_Webhook ? $webhook : null;
	}

	/**
	 * Turns a paused or disabled webhook back on and clears its failure count.
	 *
	 * @param \WC_Webhook $webhook One of the plugin's webhooks.
	 */
	public static function enable( \WC_Webhook $webhook ): void {
		$webhook->set_status( 'active' );
		$webhook->set_failure_count( 0 ); // @phpstan-ignore argument.type (WooCommerce documents bool but stores intval(), as it does itself.)
		$webhook->save();
		DeliveryLog::forget_alert( $webhook->get_id() );
	}

	/**
	 * Deletes a webhook for good.
	 *
	 * @param \WC_Webhook $webhook One of the plugin's webhooks.
	 */
	public static function delete( \WC_Webhook $webhook ): void {
		$id = $webhook->get_id();
		$webhook->delete( true );
		self::owned()->remove( array( $id ) );
		DeliveryLog::forget( $id );
	}

	/**
	 * Sends a signed test delivery (TestDelivery: a real payload, WooCommerce's headers, marked as a test) and
	 * records the outcome as the webhook's last delivery.
	 *
	 * @param \WC_Webhook $webhook One of the plugin's webhooks.
	 * @return true|\WP_Error
	 */
	public static function test( \WC_Webhook $webhook ) {
		$started = microtime( true );
		$outcome = TestDelivery::send( $webhook );
		$result  = $outcome['result'];
		DeliveryLog::record( $webhook->get_id(), 'test', $outcome['response_code'], true === $result, is_wp_error( $result ) ? $result->get_error_message() : '', microtime( true ) - $started );
		return $outcome['result'];
	}

	/**
	 * Ids of the plugin's webhooks.
	 *
	 * @return int[]
	 */
	public static function ids(): array {
		return self::owned()->all();
	}

	/**
	 * The list of the plugin's webhooks.
	 */
	private static function owned(): OwnedIds {
		return new OwnedIds( self::OPTION );
	}

	/**
	 * The plugin's webhooks that still exist; ids of webhooks deleted elsewhere are forgotten.
	 *
	 * @return \WC_Webhook[]
	 */
	public static function webhooks(): array {
		$webhooks = array();
		$gone     = array();
		foreach ( self::ids() as $id ) {
			$webhook = wc_get_webhook( $id );
			if ( $webhook instanceof \WC_Webhook ) {
				$webhooks[] = $webhook;
			} else {
				$gone[] = $id;
			}
		}
		self::owned()->remove( $gone );
		return $webhooks;
	}

	/**
	 * Status of each of the plugin's webhooks, without secrets (shown on the page and to the health endpoint).
	 *
	 * @return array<int,array<string,mixed>>
	 */
	public static function summaries(): array {
		$deliveries = DeliveryLog::last_deliveries();
		$summaries  = array();
		foreach ( self::webhooks() as $webhook ) {
			$id          = (int) $webhook->get_id();
			$summaries[] = array(
				'id'                   => $id,
				'name'                 => (string) $webhook->get_name(),
				'topic'                => (string) $webhook->get_topic(),
				'status'               => (string) $webhook->get_status(),
				'delivery_url'         => (string) $webhook->get_delivery_url(),
				'failure_count'        => (int) $webhook->get_failure_count(),
				'disabled_by_failures' => DeliveryLog::has_alert( $id ),
				'last_delivery'        => $deliveries[ $id ] ?? null,
			);
		}
		return $summaries;
	}
}
