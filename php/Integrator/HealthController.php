<?php
/**
 * GET /wp-json/wc-flashnode/v1/health — what the integration server calls.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Health\Diagnosis;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Http\NoStore;
use Flashnode\Connector\Http\TlsProxy;

defined( 'ABSPATH' ) || exit;

/**
 * The namespace starts with "wc-" because WooCommerce applies consumer-key authentication only to namespaces
 * beginning "wc/" or "wc-". Anonymous callers learn only that the shop answers; callers with an API key get
 * the full diagnosis; callers whose key does not work get a 401 that says why. Calls with a valid key are
 * logged; the others write nothing to the database (see HealthLog).
 */
final class HealthController {

	public const REST_NAMESPACE = 'wc-flashnode/v1';

	public const ROUTE = '/health';

	/**
	 * Registers the route and the filter around it. Called on rest_api_init, so that this class is loaded by REST
	 * requests only, never by storefront pages.
	 */
	public function register(): void {
		$this->register_routes();
		add_filter( 'rest_pre_dispatch', array( $this, 'explain_permission_refusal' ), 11, 3 );
		add_filter( 'rest_post_dispatch', array( $this, 'explain_and_log' ), 60, 3 );
	}

	/**
	 * Registers the route.
	 */
	public function register_routes(): void {
		register_rest_route(
			self::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'answer' ),
				// Public by design: reachability must be testable without a key. What it tells depends on the key, see answer().
				'permission_callback' => '__return_true',
				'args'                => array(
					'details' => array(
						'description' => __( 'Require the full diagnosis: answer 401 instead of the anonymous summary when no valid key arrives.', 'flashnode-connector' ),
						'type'        => 'boolean',
						'default'     => false,
					),
				),
			)
		);
	}

	/**
	 * WooCommerce recognises its API by "/wp-json/wc-" in the URL; on Plain permalinks the route travels in
	 * ?rest_route= instead, so tell WooCommerce to authenticate those requests too. Hooked by the bootstrap
	 * file itself: WordPress may determine the current user before plugins_loaded.
	 *
	 * @param bool $is_api_request WooCommerce's own decision.
	 */
	public static function authenticate_plain_permalink_requests( $is_api_request ): bool {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- routing decision only.
		$route = isset( $_GET['rest_route'] ) && is_string( $_GET['rest_route'] ) ? sanitize_text_field( wp_unslash( $_GET['rest_route'] ) ) : '';
		return (bool) $is_api_request || 0 === strpos( $route, '/' . self::REST_NAMESPACE . '/' );
	}

	/**
	 * Anonymous summary, full diagnosis, or a 401 that tells the integrator what is wrong.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function answer( \WP_REST_Request $request ) {
		$presented = PresentedKey::from_request();
		if ( null === $presented ) {
			if ( $request['details'] ) {
				return self::unauthorized(
					'flashnode_health_no_credentials',
					__( 'No credentials arrived. Send the consumer key and secret with HTTP Basic Auth over HTTPS, or sign the request with OAuth 1.0a. If you sent an Authorization header, the web server strips it before PHP sees it: the shop owner can fix that in WooCommerce > Settings > Flashnode.', 'flashnode-connector' )
				);
			}
			return new \WP_REST_Response(
				array(
					'status'              => 'ok',
					'plugin_version'      => FLASHNODE_CONNECTOR_VERSION,
					'time_utc'            => gmdate( 'Y-m-d\TH:i:s\Z' ),
					'details_require_key' => true,
				)
			);
		}
		// Over plain HTTP WooCommerce authenticates OAuth 1.0a signatures only and ignores keys sent in clear.
		if ( ! is_ssl() && PresentedKey::VIA_OAUTH1 !== $presented['via'] ) {
			return self::ignored_over_http( $presented['via'] );
		}
		$key = PresentedKey::lookup( $presented['consumer_key'] );
		if ( null === $key || get_current_user_id() !== $key['user_id'] ) {
			return self::unauthorized( 'flashnode_health_invalid_key', self::invalid_key_message() );
		}
		return new \WP_REST_Response( Diagnosis::build( $key, $presented['via'] ) );
	}

	/**
	 * Why a key sent in clear over plain HTTP did not count.
	 *
	 * @param string $via How the key came: PresentedKey::VIA_QUERY_STRING or VIA_BASIC_AUTH.
	 */
	private static function ignored_over_http( string $via ): \WP_Error {
		if ( PresentedKey::VIA_QUERY_STRING === $via ) {
			return self::unauthorized(
				'flashnode_health_query_keys_need_https',
				__( 'WooCommerce ignores consumer_key and consumer_secret in the query string over plain HTTP. Call the https:// address of the shop, or sign the request with OAuth 1.0a.', 'flashnode-connector' )
			);
		}
		return self::unauthorized(
			'flashnode_health_https_required',
			TlsProxy::unrecognised()
				? __( 'HTTPS required for Basic Auth: the request reached WordPress as plain HTTP although a proxy in front of the shop speaks HTTPS, so WooCommerce ignores the API key. The shop owner must tell WordPress about the proxy (see WooCommerce > Settings > Flashnode).', 'flashnode-connector' )
				: __( 'HTTPS required for Basic Auth: WooCommerce accepts API keys sent this way only over HTTPS. Call the https:// address of the shop, or sign the request with OAuth 1.0a.', 'flashnode-connector' )
		);
	}

	/**
	 * WooCommerce refuses a key without read permission in rest_pre_dispatch (priority 10), after the key and
	 * its secret or signature were accepted: a failed authentication never gets that far (WP_REST_Server answers
	 * it before dispatching). So a WooCommerce refusal here, for a key whose permissions lack read, is exactly
	 * that case — decided without WooCommerce's message, which is translated on shops in other languages, and
	 * without the current user, whom a logged-in cookie can set whatever the key.
	 *
	 * @param mixed            $result  Response so far (WooCommerce's error, if any).
	 * @param \WP_REST_Server  $server  Server.
	 * @param \WP_REST_Request $request Request.
	 * @return mixed
	 */
	public function explain_permission_refusal( $result, $server, $request ) {
		if ( ! $result instanceof \WP_Error || 'woocommerce_rest_authentication_error' !== $result->get_error_code()
			|| ! $request instanceof \WP_REST_Request || '/' . self::REST_NAMESPACE . self::ROUTE !== $request->get_route() ) {
			return $result;
		}
		$presented = PresentedKey::from_request();
		$key       = null === $presented ? null : PresentedKey::lookup( $presented['consumer_key'] );
		if ( null === $key || in_array( $key['permissions'], array( 'read', 'read_write' ), true ) ) {
			return $result;
		}
		return self::unauthorized(
			'flashnode_health_key_cannot_read',
			__( 'This API key lacks read permission. Create a key with Read or Read/Write permissions in WooCommerce > Settings > Flashnode.', 'flashnode-connector' )
		);
	}

	/**
	 * For the health route only: replaces WooCommerce's authentication errors with ones that say what to do,
	 * and hands every call to the log, which keeps those answered with a valid key.
	 *
	 * @param mixed            $response Response about to be sent.
	 * @param \WP_REST_Server  $server   Server.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public function explain_and_log( $response, $server, $request ) {
		if ( ! $request instanceof \WP_REST_Request || ! $response instanceof \WP_REST_Response || '/' . self::REST_NAMESPACE . self::ROUTE !== $request->get_route() ) {
			return $response;
		}
		// A page cache must never answer "ok" for a shop whose PHP is down, nor keep a diagnosis.
		NoStore::mark( $response );
		$data = $response->get_data();
		$code = $response->is_error() && is_array( $data ) && isset( $data['code'] ) ? (string) $data['code'] : 'ok';
		if ( in_array( $code, PresentedKey::WOOCOMMERCE_REFUSALS, true ) ) {
			$refusal = self::explain_refusal( $code );
			$code    = $refusal['code'];
			$response->set_data(
				array(
					'code'    => $code,
					'message' => $refusal['message'],
					'data'    => array( 'status' => 401 ),
				)
			);
		}
		HealthLog::record( 'ok' === $code && is_array( $data ) && ! empty( $data['authenticated'] ), $response->get_status(), $code );
		return $response;
	}

	/**
	 * What WooCommerce's authentication refusal means. Decided from the request, never from WooCommerce's message,
	 * which is translated on shops in other languages. Unknown key and wrong secret or signature get the same
	 * answer, so it reveals nothing about which keys exist.
	 *
	 * @param string $woocommerce_code WooCommerce's error code.
	 * @return array{code:string,message:string}
	 */
	private static function explain_refusal( string $woocommerce_code ): array {
		if ( 'woocommerce_rest_authentication_missing_parameter' === $woocommerce_code ) {
			return array(
				'code'    => 'flashnode_health_oauth_incomplete',
				'message' => __( 'Incomplete OAuth 1.0a request: send oauth_consumer_key, oauth_timestamp, oauth_nonce, oauth_signature and oauth_signature_method (HMAC-SHA1 or HMAC-SHA256).', 'flashnode-connector' ),
			);
		}
		$presented = PresentedKey::from_request();
		if ( null !== $presented && PresentedKey::VIA_OAUTH1 === $presented['via'] ) {
			return array(
				'code'    => 'flashnode_health_invalid_key',
				'message' => sprintf(
					/* translators: 1: URL WooCommerce signs, 2: the shop's time in UTC. */
					__( 'Unknown API key, or the OAuth 1.0a signature was refused. WooCommerce signs %1$s (the shop\'s home URL with this request\'s scheme) with all query parameters; the timestamp must be within 15 minutes of the shop\'s clock (%2$s) and each nonce used once.', 'flashnode-connector' ),
					PresentedKey::oauth_signed_url(),
					gmdate( 'Y-m-d\TH:i:s\Z' )
				),
			);
		}
		return array(
			'code'    => 'flashnode_health_invalid_key',
			'message' => self::invalid_key_message(),
		);
	}

	/**
	 * Deliberately the same for an unknown key and a wrong secret: it must not reveal which keys exist.
	 */
	private static function invalid_key_message(): string {
		return __( 'Unknown API key or wrong secret. Check that you copied both completely; if the key was revoked, ask the shop owner for a new one.', 'flashnode-connector' );
	}

	/**
	 * A 401 with a message for the integrator.
	 *
	 * @param string $code    Error code.
	 * @param string $message What is wrong and what to do.
	 */
	private static function unauthorized( string $code, string $message ): \WP_Error {
		return new \WP_Error( $code, $message, array( 'status' => 401 ) );
	}
}
