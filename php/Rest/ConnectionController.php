<?php
/**
 * Admin routes for the connection to the integration service.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Connection\Handoff;
use Flashnode\Connector\Connection\History;
use Flashnode\Connector\Connection\Proposal;
use Flashnode\Connector\Connection\ServiceInfo;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Http\RequestClaim;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Keys\NewKey;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * GET  flashnode/v1/connection   last contact from the integration server, keys' last access, webhooks' last delivery
 * POST flashnode/v1/connection   "Connect to Flashnode": creates a key and hands it to the service's callback URL
 * DELETE flashnode/v1/connection "Disconnect": revokes the connection's key, deletes its webhooks, tells the service
 */
final class ConnectionController extends AdminController {

	/** Health log entries shown on the page. */
	private const RECENT_CALLS = 10;

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'connection';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/connection',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'status' ),
				),
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'connect' ),
					'args'     => array_merge(
						array(
							'request_id'   => RequestClaim::arg_schema(),
							'callback_url' => array(
								'description' => __( 'The https:// connection address (with its one-time code) the integration service gave you.', 'flashnode-connector' ),
								'type'        => 'string',
								'required'    => true,
							),
						),
						NewKey::args()
					),
				),
				array(
					'methods'  => \WP_REST_Server::DELETABLE,
					'callback' => array( $this, 'disconnect' ),
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'service'                 => self::field( array( 'object', 'null' ), __( 'What the service said about itself in the hand-off.', 'flashnode-connector' ) ),
			'last_contact'            => self::field( array( 'object', 'null' ), __( 'The last call of the health endpoint.', 'flashnode-connector' ) ),
			'last_authenticated_call' => self::field( array( 'object', 'null' ), __( 'The last call of the health endpoint with a valid key.', 'flashnode-connector' ) ),
			'recent_calls'            => self::field( 'array', __( 'The latest calls of the health endpoint, newest first.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'keys'                    => self::field( 'array', __( 'The plugin\'s keys with their last access.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'webhooks'                => self::field( 'array', __( 'The plugin\'s webhooks with their last delivery.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'connected'               => self::field( 'object', __( 'The key handed over and the service\'s host (POST).', 'flashnode-connector' ) ),
			'history'                 => self::field( 'array', __( 'Connects and disconnects, newest first.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'disconnected'            => self::field( 'object', __( 'What the disconnect revoked and whether the service was told (DELETE).', 'flashnode-connector' ) ),
		);
	}

	/**
	 * What the connection panel shows.
	 */
	public function status(): \WP_REST_Response {
		$calls   = HealthLog::entries();
		$last    = static function ( bool $authenticated_only ) use ( $calls ): ?array {
			foreach ( $calls as $call ) {
				if ( ! $authenticated_only || ! empty( $call['authenticated'] ) ) {
					return $call;
				}
			}
			return null;
		};
		$service = ServiceInfo::get();
		if ( null !== $service ) {
			// The address may carry the service's own token; the page needs only whether there is one.
			$service['notifies_on_disconnect'] = null !== $service['disconnect_url'];
			unset( $service['disconnect_url'] );
		}
		return new \WP_REST_Response(
			array(
				'service'                 => $service,
				'history'                 => History::entries(),
				'last_contact'            => $last( false ),
				'last_authenticated_call' => $last( true ),
				'recent_calls'            => array_slice( $calls, 0, self::RECENT_CALLS ),
				'keys'                    => ApiKeys::all(),
				'webhooks'                => WebhookRegistry::summaries(),
			)
		);
	}

	/**
	 * Creates a key and hands it to the service; the key is deleted again if the service does not accept it.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function connect( \WP_REST_Request $request ) {
		$proposal = Proposal::pasted( $request['callback_url'] );
		if ( is_wp_error( $proposal ) ) {
			return $proposal;
		}
		$new = NewKey::from( $request->get_params() );
		if ( is_wp_error( $new ) ) {
			return $new;
		}
		if ( ! RequestClaim::claim( 'connect', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$connected = Handoff::connect( $proposal, $new );
		if ( is_wp_error( $connected ) ) {
			return $connected;
		}
		return new \WP_REST_Response( array( 'connected' => $connected ), 201 );
	}

	/**
	 * Ends the connection made through this page.
	 *
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function disconnect() {
		$disconnected = Disconnect::run( 'owner_disconnected' );
		if ( is_wp_error( $disconnected ) ) {
			return $disconnected;
		}
		return new \WP_REST_Response( array( 'disconnected' => $disconnected ) );
	}
}
