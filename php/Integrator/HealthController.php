<?php
/**
 * GET /wp-json/wc-flashnode/v1/health — what the integration server calls.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Integrator;

use Flashnode\Connector\Health\Diagnosis;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Http\TlsProxy;

defined( 'ABSPATH' ) || exit;

/**
 * Anonymous callers learn only that the shop answers; callers with an API key get the full diagnosis; callers
 * whose key does not work get a 401 that says why (KeyAuthentication answers WooCommerce's own refusals). Calls
 * with a valid key are logged; the others write nothing to the database (see HealthLog).
 */
final class HealthController extends IntegratorController {

	/**
	 * The route below the namespace.
	 *
	 * @var string
	 */
	protected $rest_base = 'health';

	/**
	 * Registers the route; KeyAuthentication explains WooCommerce's refusals of a key here and hands every answer
	 * to log(). Called on rest_api_init, so that this class is loaded by REST requests only.
	 */
	public function register_routes(): void {
		$this->add_route(
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
		KeyAuthentication::guard( $this->route(), KeyRefusals::HEALTH, 'read', array( self::class, 'log' ) );
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
		$key = KeyAuthentication::authenticated( $presented );
		if ( null === $key ) {
			return KeyRefusals::invalid_key( KeyRefusals::HEALTH );
		}
		return new \WP_REST_Response( Diagnosis::build( $key, $presented['via'] ) );
	}

	/**
	 * Hands every answer of the route to the log, which keeps those answered with a valid key.
	 *
	 * @param \WP_REST_Response $response The final answer.
	 */
	public static function log( \WP_REST_Response $response ): void {
		$data = $response->get_data();
		$code = $response->is_error() && is_array( $data ) && isset( $data['code'] ) ? (string) $data['code'] : 'ok';
		HealthLog::record( 'ok' === $code && is_array( $data ) && ! empty( $data['authenticated'] ), $response->get_status(), $code );
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
	 * A 401 with a message for the integrator.
	 *
	 * @param string $code    Error code.
	 * @param string $message What is wrong and what to do.
	 */
	private static function unauthorized( string $code, string $message ): \WP_Error {
		return new \WP_Error( $code, $message, array( 'status' => 401 ) );
	}

	/**
	 * The anonymous summary's fields, and the diagnosis's (Health\Diagnosis::build()) for a valid key.
	 *
	 * @return array<string,array<string,mixed>>
	 */
	protected function answer_properties(): array {
		$object = static function ( string $description, array $types ): array {
			$properties = array();
			foreach ( $types as $name => $type ) {
				$properties[ $name ] = array( 'type' => $type );
			}
			return self::field( 'object', $description, array( 'properties' => $properties ) );
		};
		return array(
			'status'              => self::field( 'string', 'ok without a key; with one, the last readiness report\'s status, or unknown when there is none.' ),
			'plugin_version'      => self::field( 'string', 'Version of Flashnode Connector.' ),
			'time_utc'            => self::field( 'string', 'The shop\'s clock (UTC, ISO 8601).', array( 'format' => 'date-time' ) ),
			'details_require_key' => self::field( 'boolean', 'Always true: the diagnosis needs an API key.' ),
			'authenticated'       => self::field( 'boolean', 'With a valid key only: true.' ),
			'clock'               => $object(
				'The shop\'s clock and time zone.',
				array(
					'time_utc'           => 'string',
					'timezone'           => 'string',
					'utc_offset_seconds' => 'integer',
					'hint'               => 'string',
				)
			),
			'versions'            => $object(
				'Versions of the plugin, WordPress, WooCommerce and PHP.',
				array(
					'plugin'      => 'string',
					'wordpress'   => 'string',
					'woocommerce' => 'string',
					'php'         => 'string',
				)
			),
			'order_storage'       => $object(
				'Whether HPOS is on and synchronised with posts storage.',
				array(
					'hpos' => 'boolean',
					'sync' => 'boolean',
				)
			),
			'legacy_api'          => self::field( 'object', 'Whether the integration needs the Legacy REST API, whether it answers and sees every order.' ),
			'transfer'            => $object(
				'The owner\'s settings for the transfer.',
				array(
					'api_mode'       => 'string',
					'order_statuses' => 'array',
				)
			),
			'checks'              => self::field( array( 'object', 'null' ), 'The last readiness report: when, a count per status, each check\'s result; null before the first.' ),
			'webhooks'            => self::field( 'array', 'The plugin\'s webhooks and their delivery state, without secrets.', array( 'items' => array( 'type' => 'object' ) ) ),
			'order_flow'          => self::field( array( 'object', 'null' ), 'The change feed\'s numbers: last read, lag, unacknowledged orders; null while the change log is not installed.' ),
			'credentials'         => self::field( 'object', 'How the key arrived and which key it is (never its secret).' ),
		);
	}

	/**
	 * The anonymous summary's fields: every answer has them.
	 *
	 * @return string[]
	 */
	protected function required_fields(): array {
		return array( 'status', 'plugin_version', 'time_utc', 'details_require_key' );
	}
}
