<?php
/**
 * "Connect to Flashnode": sets up the whole connection and hands it to the integration service.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Keys\NewKey;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * Replaces e-mailing secrets to support. Same contract as WooCommerce's /wc-auth/v1/authorize callback, grown to
 * the whole connection: one JSON POST over HTTPS with the key and, when the service asked for them, the webhooks'
 * ids and secret and the transfer statuses. The service must answer 200; otherwise the key and the webhooks
 * created for it are deleted again and no setting changes, so a failed attempt leaves nothing behind. Both the
 * approval link and the pasted address come here. The body is never logged.
 */
final class Handoff {

	/** Seconds to wait for the service. */
	private const TIMEOUT = 20;

	/** The service's answer is read up to this size (a larger one is cut, and its facts are then ignored). */
	private const MAX_RESPONSE_BYTES = 65536;

	/**
	 * Creates the key (and webhooks), delivers them to the proposal's callback URL, and on 200 saves the settings.
	 *
	 * @param Proposal $proposal What to set up (URLs already validated).
	 * @param NewKey   $new      The key to create and hand over.
	 * @return array{key_id:int,truncated_key:string,permissions:string,service_host:string,service_name:string,webhook_ids:int[]}|\WP_Error
	 */
	public static function connect( Proposal $proposal, NewKey $new ) {
		$key = $new->create();
		if ( is_wp_error( $key ) ) {
			return $key;
		}
		$hooks = array(
			'secret'  => null,
			'created' => array(),
			'ids'     => array(),
		);
		if ( null !== $proposal->webhook_url ) {
			$registered = WebhookRegistry::register( $proposal->webhook_url, $proposal->topics, $proposal->service_name );
			$hooks      = array(
				'secret'  => self::secret_of( array_merge( $registered['created'], $registered['kept'] ) ),
				'created' => $registered['created'],
				'ids'     => array_merge( $registered['created'], $registered['kept'] ),
			);
		}
		$settings = Settings::all();
		$response = self::post(
			$proposal->callback_url,
			array(
				'site_url'        => home_url(), // No trailing slash: integrators append /wp-json/… to it.
				'consumer_key'    => $key['consumer_key'],
				'consumer_secret' => $key['consumer_secret'],
				'key_permissions' => $key['permissions'],
				'key_id'          => $key['key_id'],
				'user_id'         => $key['user_id'],
				'plugin_version'  => FLASHNODE_CONNECTOR_VERSION,
				'webhook_secret'  => $hooks['secret'],
				'webhook_ids'     => $hooks['ids'],
				'topics'          => $proposal->topics,
				'order_statuses'  => $proposal->order_statuses,
				'api_mode'        => $settings['api_mode'],
			)
		);
		$host     = (string) wp_parse_url( $proposal->callback_url, PHP_URL_HOST );
		$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		if ( 200 !== $code ) {
			self::undo( $key['key_id'], $hooks['created'] );
			return new \WP_Error(
				'flashnode_handoff_failed',
				is_wp_error( $response )
					/* translators: 1: host name of the service, 2: error message from WordPress's HTTP client. */
					? sprintf( __( 'Could not reach %1$s (%2$s). No key or webhook was left behind; try again, or check the address with the integration service.', 'flashnode-connector' ), $host, $response->get_error_message() )
					/* translators: 1: host name of the service, 2: HTTP status code it answered. */
					: sprintf( __( '%1$s did not accept the connection (HTTP %2$d). The new key and webhooks were deleted again. The connection link may have expired: ask the integration service for a new one.', 'flashnode-connector' ), $host, $code ),
				array( 'status' => 424 )
			);
		}
		if ( $proposal->order_statuses !== $settings['order_statuses'] ) {
			Settings::update( array( 'order_statuses' => $proposal->order_statuses ) );
		}
		ServiceInfo::remember(
			$host,
			(string) wp_remote_retrieve_body( $response ),
			array(
				'service_name' => $proposal->service_name,
				'key_id'       => $key['key_id'],
				'webhook_ids'  => $hooks['ids'],
			)
		);
		History::record( 'connected', $proposal->service_name, $host );
		return array(
			'key_id'        => $key['key_id'],
			'truncated_key' => $key['truncated_key'],
			'permissions'   => $key['permissions'],
			'service_host'  => $host,
			'service_name'  => $proposal->service_name,
			'webhook_ids'   => $hooks['ids'],
		);
	}

	/**
	 * One JSON POST to the service, without following redirects (they could carry the secrets to another host).
	 *
	 * @param string              $url  Validated https URL.
	 * @param array<string,mixed> $body Fields.
	 * @return array<string,mixed>|\WP_Error
	 */
	private static function post( string $url, array $body ) {
		return wp_safe_remote_post(
			$url,
			array(
				'timeout'             => self::TIMEOUT,
				'redirection'         => 0,
				// Only a small JSON answer (service facts) is read; a service cannot make the shop buffer more.
				'limit_response_size' => self::MAX_RESPONSE_BYTES,
				'headers'             => array(
					'Content-Type' => 'application/json',
					'User-Agent'   => 'FlashnodeConnector/' . FLASHNODE_CONNECTOR_VERSION . '; ' . home_url( '/' ),
				),
				'body'                => (string) wp_json_encode( $body ),
			)
		);
	}

	/**
	 * The shared secret of the webhooks (one per delivery URL: WebhookRegistry gives new topics the known one).
	 *
	 * @param int[] $ids Webhook ids.
	 */
	private static function secret_of( array $ids ): ?string {
		foreach ( $ids as $id ) {
			$webhook = WebhookRegistry::find( (int) $id );
			if ( null !== $webhook ) {
				return (string) $webhook->get_secret( 'edit' );
			}
		}
		return null;
	}

	/**
	 * Removes what a refused hand-off created; webhooks that existed before stay.
	 *
	 * @param int   $key_id  The new key.
	 * @param int[] $created The new webhooks.
	 */
	private static function undo( int $key_id, array $created ): void {
		ApiKeys::revoke( $key_id );
		foreach ( $created as $id ) {
			$webhook = WebhookRegistry::find( (int) $id );
			if ( null !== $webhook ) {
				WebhookRegistry::delete( $webhook );
			}
		}
	}
}
