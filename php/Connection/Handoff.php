<?php
/**
 * "Connect": sets up a connection and hands it to the integration service.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Connection;

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * Replaces e-mailing secrets to support. Same contract as WooCommerce's /wc-auth/v1/authorize callback, grown to
 * the whole connection: one JSON POST over HTTPS with the key of the service's own user (ServiceUser, holding
 * the approved scopes) and, when the service asked for them, the webhooks' ids and secret and the transfer
 * statuses. The service must answer 200; otherwise everything created for it (user, key, webhooks) is removed
 * again and nothing changes, so a failed attempt leaves nothing behind. Approving a service that is connected
 * already (same callback host) replaces its grants: the new ones are handed over first, and only after the
 * service's 200 are the old key and webhooks revoked. "Give <service> its own user" (OwnUser) is the same replace,
 * started by the shop and sent to the reconnect_url the service reported. The body is never logged.
 */
final class Handoff {

	/** Seconds to wait for the service. */
	private const TIMEOUT = 20;

	/** The service's answer is read up to this size (a larger one is cut, and its facts are then ignored). */
	private const MAX_RESPONSE_BYTES = 65536;

	/**
	 * Creates the grants, delivers them to the proposal's callback URL, and on 200 records the connection.
	 *
	 * @param Proposal                 $proposal What to set up (URLs and scopes already validated).
	 * @param array<string,mixed>|null $record   The connection to give its own user (OwnUser: the proposal goes to
	 *                                           its reconnect_url, whose host may differ); null: the link's.
	 * @return array<string,mixed>|\WP_Error What was handed over (never the secrets).
	 */
	public static function connect( Proposal $proposal, ?array $record = null ) {
		$host     = null === $record ? (string) wp_parse_url( $proposal->callback_url, PHP_URL_HOST ) : (string) $record['service_host'];
		$existing = $record ?? Connections::for_host( $host );
		// The service keeps its user across approvals; during the switch it holds the old and the new scopes.
		$reuse   = null !== $existing && ServiceUser::is_service_user( $existing['user_id'] );
		$user_id = $reuse ? $existing['user_id'] : ServiceUser::create( $proposal->service_name, $proposal->scopes );
		if ( is_wp_error( $user_id ) ) {
			return $user_id;
		}
		if ( $reuse ) {
			ServiceUser::set_scopes( $user_id, array_unique( array_merge( (array) $existing['scopes'], $proposal->scopes ) ) );
		}
		$undo_user = static function () use ( $reuse, $user_id, $existing ): void {
			if ( $reuse ) {
				ServiceUser::set_scopes( $user_id, (array) $existing['scopes'] );
			} else {
				ServiceUser::delete( $user_id );
			}
		};
		/* translators: 1: the service's name, 2: date and time. */
		$key = ApiKeys::create( $user_id, Scopes::key_permissions( $proposal->scopes ), sprintf( __( '%1$s – %2$s', 'flashnode-connector' ), $proposal->service_name, wp_date( 'Y-m-d H:i' ) ) );
		if ( is_wp_error( $key ) ) {
			$undo_user();
			return $key;
		}
		$hooks    = null === $proposal->webhook_url
			? array(
				'secret'  => null,
				'created' => array(),
			)
			: WebhookRegistry::register_for_service( $proposal->webhook_url, $proposal->topics, $proposal->service_name, $user_id );
		$settings = Settings::all();
		$response = self::post(
			$proposal->callback_url,
			array(
				'site_url'        => home_url(), // No trailing slash: integrators append /wp-json/… to it.
				'consumer_key'    => $key['consumer_key'],
				'consumer_secret' => $key['consumer_secret'],
				'key_permissions' => $key['permissions'],
				'key_id'          => $key['key_id'],
				'user_id'         => $user_id,
				'scopes'          => $proposal->scopes,
				'plugin_version'  => FLASHNODE_CONNECTOR_VERSION,
				'webhook_secret'  => $hooks['secret'],
				'webhook_ids'     => $hooks['created'],
				'topics'          => $proposal->topics,
				// Order topics are delivered by the plugin (retried until received), in this format.
				'delivery_format' => null === $proposal->webhook_url ? null : $proposal->delivery_format,
				'order_statuses'  => $proposal->order_statuses,
				'api_mode'        => $settings['api_mode'],
			)
		);
		$code     = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		if ( 200 !== $code ) {
			Grants::revoke( array( $key['key_id'] ), $hooks['created'] );
			$undo_user();
			return self::failed( $response, (string) wp_parse_url( $proposal->callback_url, PHP_URL_HOST ), null !== $record );
		}
		if ( null !== $existing ) {
			// The service has its new grants: the old ones go (a 0.4 connection's user is the owner and stays).
			Grants::revoke( $existing['key_ids'], $existing['webhook_ids'], $reuse ? 0 : $existing['user_id'] );
			ServiceUser::set_scopes( $user_id, $proposal->scopes );
			// Named as the link names the service now: the author of the notes it writes.
			ServiceUser::rename( $user_id, $proposal->service_name );
		}
		// The shop-wide transfer statuses follow the service only while it is the shop's one connection; then it
		// follows them (the owner's Transfer settings stay in charge). Beside others, statuses its link asked for
		// are its own (Feed\TransferStatuses), and a link that asked for none follows the shop-wide ones.
		$others = array_filter(
			Connections::all(),
			static function ( array $other ) use ( $host ): bool {
				return Connections::id_for( $host ) !== $other['id'];
			}
		);
		$own    = $proposal->asks_statuses ? $proposal->order_statuses : array();
		if ( array() === $others ) {
			if ( $proposal->order_statuses !== $settings['order_statuses'] ) {
				Settings::update( array( 'order_statuses' => $proposal->order_statuses ) );
			}
			$own = array();
		}
		$facts = ServiceInfo::from_answer( (string) wp_remote_retrieve_body( $response ) );
		if ( null !== $record ) {
			// Answering a reconnect_url, a service may leave out what it said when it connected: that still holds.
			$facts = array_merge( $facts, array_intersect_key( array_filter( $record ), array_filter( $facts, array( self::class, 'is_blank' ) ) ) );
		}
		Connections::save(
			array_merge(
				$facts,
				array(
					'service_name'     => $proposal->service_name,
					'service_host'     => $host,
					'connected_at_utc' => gmdate( 'Y-m-d\TH:i:s\Z' ),
					'user_id'          => $user_id,
					'scopes'           => $proposal->scopes,
					'key_ids'          => array( $key['key_id'] ),
					'webhook_ids'      => $hooks['created'],
					'order_statuses'   => $own,
				)
			)
		);
		History::record( null === $existing ? 'connected' : ( null === $record ? 'reconnected' : 'own_user' ), $proposal->service_name, $host );
		/**
		 * A service accepted its grants (first approval or a replacement): the plugin's deliveries take over its
		 * order webhooks (Delivery\Adoption).
		 *
		 * @param array<string,mixed> $record      The connection as saved.
		 * @param string|null         $format      Delivery format the link asked for.
		 */
		do_action( 'flashnode_connector_connected', Connections::for_host( $host ), $proposal->delivery_format );
		$user = get_userdata( $user_id );
		return array(
			'connection_id' => Connections::id_for( $host ),
			'key_id'        => $key['key_id'],
			'truncated_key' => $key['truncated_key'],
			'permissions'   => $key['permissions'],
			'service_host'  => $host,
			'service_name'  => $proposal->service_name,
			'user_login'    => $user ? (string) $user->user_login : '',
			'scopes'        => $proposal->scopes,
			'webhook_ids'   => $hooks['created'],
			'replaced'      => null !== $existing,
		);
	}

	/**
	 * The 424 of a hand-off the service did not accept (everything new was deleted again).
	 *
	 * @param array<string,mixed>|\WP_Error $response  The answer, or why there was none.
	 * @param string                        $host      Host the hand-off went to.
	 * @param bool                          $own_user  "Give … its own user": the old grants still work.
	 */
	private static function failed( $response, string $host, bool $own_user ): \WP_Error {
		if ( is_wp_error( $response ) ) {
			$message = $own_user
				/* translators: 1: host name of the service, 2: error message from WordPress's HTTP client. */
				? sprintf( __( 'Could not reach %1$s (%2$s). Its old key and webhooks keep working; the new user, key and webhooks were deleted again. Try again later.', 'flashnode-connector' ), $host, $response->get_error_message() )
				/* translators: 1: host name of the service, 2: error message from WordPress's HTTP client. */
				: sprintf( __( 'Could not reach %1$s (%2$s). No key, user or webhook was left behind; try again, or check the address with the integration service.', 'flashnode-connector' ), $host, $response->get_error_message() );
		} else {
			$code    = (int) wp_remote_retrieve_response_code( $response );
			$message = $own_user
				/* translators: 1: host name of the service, 2: HTTP status code it answered. */
				? sprintf( __( '%1$s did not accept the new key (HTTP %2$d). Its old key and webhooks keep working; the new user, key and webhooks were deleted again.', 'flashnode-connector' ), $host, $code )
				/* translators: 1: host name of the service, 2: HTTP status code it answered. */
				: sprintf( __( '%1$s did not accept the connection (HTTP %2$d). The new key, user and webhooks were deleted again. The connection link may have expired: ask the integration service for a new one.', 'flashnode-connector' ), $host, $code );
		}
		return new \WP_Error( 'flashnode_handoff_failed', $message, array( 'status' => 424 ) );
	}

	/**
	 * Whether a fact of the service's answer is missing (null, or no addresses).
	 *
	 * @param mixed $fact The fact.
	 */
	private static function is_blank( $fact ): bool {
		return null === $fact || array() === $fact;
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
}
