<?php
/**
 * Ends the connection: revokes its key, deletes its webhooks and tells the service.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Http\OutboundUrl;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * The service learns about a disconnect only if it gave a disconnect_url in its hand-off answer. The notice is
 * signed like WooCommerce's webhooks (X-Flashnode-Signature: base64 HMAC-SHA256 of the raw body under the
 * webhook secret the service received), so a forged "this shop left" cannot be told apart by anyone without it.
 * Also used by uninstall.php, where this plugin's autoloader is not loaded and WooCommerce may be missing.
 */
final class Disconnect {

	/** Header with the signature of the body. */
	public const SIGNATURE_HEADER = 'X-Flashnode-Signature';

	/**
	 * Seconds to wait for the service: it is told, not asked, and the owner's Disconnect click or the plugin's
	 * deletion must finish when the service is down.
	 */
	public const TIMEOUT = 5;

	/**
	 * Revokes the connection's key, deletes its webhooks, notifies the service and records it in the history.
	 *
	 * @param string $reason Why, e.g. owner_disconnected.
	 * @return array{service_name:string,service_host:string,key_id:int,webhook_ids:int[],notified:bool}|\WP_Error
	 */
	public static function run( string $reason ) {
		$info = ServiceInfo::get();
		if ( null === $info ) {
			return new \WP_Error( 'flashnode_not_connected', __( 'This shop is not connected to a service through this page, so there is nothing to disconnect.', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		// Read before the webhooks go: the notice is signed with their secret.
		$secret = self::secret( $info['webhook_ids'] );
		if ( $info['key_id'] > 0 ) {
			ApiKeys::revoke( $info['key_id'] );
		}
		foreach ( $info['webhook_ids'] as $id ) {
			$webhook = WebhookRegistry::find( $id );
			if ( null !== $webhook ) {
				WebhookRegistry::delete( $webhook );
			}
		}
		$notified = self::notify( $info, $secret, $reason );
		ServiceInfo::forget();
		History::record( 'disconnected', $info['service_name'], $info['service_host'], $reason . ( $notified ? '' : ' (service not notified)' ) );
		return array(
			'service_name' => $info['service_name'],
			'service_host' => $info['service_host'],
			'key_id'       => $info['key_id'],
			'webhook_ids'  => $info['webhook_ids'],
			'notified'     => $notified,
		);
	}

	/**
	 * POSTs {site_url, key_id, reason} to the service's disconnect_url, signed; true when it answered 2xx.
	 *
	 * @param array<string,mixed> $info   ServiceInfo::get().
	 * @param string|null         $secret The webhook secret; without one nothing is sent (nothing to sign with).
	 * @param string              $reason Why.
	 */
	public static function notify( array $info, ?string $secret, string $reason ): bool {
		$url = $info['disconnect_url'] ?? null;
		if ( ! is_string( $url ) || null === $secret || '' === $secret || null !== OutboundUrl::problem( $url ) ) {
			return false;
		}
		$body     = (string) wp_json_encode(
			array(
				'site_url' => home_url(),
				'key_id'   => (int) ( $info['key_id'] ?? 0 ),
				'reason'   => $reason,
			)
		);
		$response = wp_safe_remote_post(
			$url,
			array(
				'timeout'     => self::TIMEOUT,
				'redirection' => 0,
				'headers'     => array(
					'Content-Type'         => 'application/json',
					self::SIGNATURE_HEADER => self::sign( $body, $secret ),
				),
				'body'        => $body,
			)
		);
		$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		return $code >= 200 && $code < 300;
	}

	/**
	 * The signature of a body: base64 of its HMAC-SHA256 under the secret (as X-WC-Webhook-Signature).
	 *
	 * @param string $body   Raw body.
	 * @param string $secret Webhook secret.
	 */
	public static function sign( string $body, string $secret ): string {
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- the signature's format.
		return base64_encode( hash_hmac( 'sha256', $body, $secret, true ) );
	}

	/**
	 * The secret of the connection's webhooks, straight from WooCommerce's table (works without WooCommerce
	 * loaded, as at uninstall).
	 *
	 * @param int[] $webhook_ids The connection's webhooks.
	 */
	public static function secret( array $webhook_ids ): ?string {
		global $wpdb;
		foreach ( $webhook_ids as $id ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one read, also at uninstall without WooCommerce.
			$secret = $wpdb->get_var( $wpdb->prepare( "SELECT secret FROM {$wpdb->prefix}wc_webhooks WHERE webhook_id = %d", (int) $id ) );
			if ( is_string( $secret ) && '' !== $secret ) {
				return $secret;
			}
		}
		return null;
	}
}
