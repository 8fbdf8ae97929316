<?php
/**
 * Ends a connection: revokes its keys, deletes its webhooks and user, and tells the service.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Http\OutboundUrl;

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
	 * Revokes everything a connection owns (keys, webhooks, its user), notifies the service and records it.
	 *
	 * @param string $id     Connection id; '' for the shop's only connection.
	 * @param string $reason Why, e.g. owner_disconnected.
	 * @return array{id:string,service_name:string,service_host:string,key_ids:int[],webhook_ids:int[],notified:bool}|\WP_Error
	 */
	public static function run( string $id, string $reason ) {
		$all  = Connections::all();
		$info = '' === $id ? ( 1 === count( $all ) ? $all[0] : null ) : Connections::get( $id );
		if ( null === $info ) {
			return '' === $id && count( $all ) > 1
				? new \WP_Error( 'flashnode_connection_ambiguous', __( 'Several services are connected: say which one to disconnect (id).', 'flashnode-connector' ), array( 'status' => 400 ) )
				: new \WP_Error( 'flashnode_not_connected', __( 'No such service is connected to this shop through the plugin, so there is nothing to disconnect.', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		// Read before the webhooks go: the notice is signed with their secret.
		$secret = self::secret( $info['webhook_ids'] );
		Grants::revoke( $info['key_ids'], $info['webhook_ids'], $info['user_id'] );
		$notified = self::notify( $info, $secret, $reason );
		Connections::forget( $info['id'] );
		Refusals::forget( $info['id'] );
		/**
		 * A connection is gone, its grants revoked: what other parts keep about it goes too (its deliveries).
		 *
		 * @param string $id Connection id.
		 */
		do_action( 'flashnode_connector_disconnected', $info['id'] );
		History::record( 'disconnected', $info['service_name'], $info['service_host'], $reason, $notified );
		return array(
			'id'           => $info['id'],
			'service_name' => $info['service_name'],
			'service_host' => $info['service_host'],
			'key_ids'      => $info['key_ids'],
			'webhook_ids'  => $info['webhook_ids'],
			'notified'     => $notified,
		);
	}

	/**
	 * POSTs {site_url, key_id, reason} to the service's disconnect_url, signed; true when it answered 2xx.
	 *
	 * @param array<string,mixed> $info   A connection record (Connections).
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
				'key_id'   => (int) ( $info['key_ids'][0] ?? $info['key_id'] ?? 0 ),
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
