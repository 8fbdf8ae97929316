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
use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Refusals;
use Flashnode\Connector\Connection\Scopes;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Http\RequestClaim;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\WebhookRegistry;

defined( 'ABSPATH' ) || exit;

/**
 * GET  flashnode/v1/connection   the connections (each service's user, scopes, keys, webhooks, feed consumers), last
 *                                contact from the integration servers, keys' last access, webhooks' last delivery
 * POST flashnode/v1/connection   "Connect" with a pasted address: a user with the scopes, its key, handed over (Handoff)
 * DELETE flashnode/v1/connection "Disconnect" (?id=): revokes the connection's keys, webhooks and user, tells the service
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
					'args'     => array(
						'request_id'   => RequestClaim::arg_schema(),
						'callback_url' => array(
							'description' => __( 'The https:// connection address (with its one-time code) the integration service gave you.', 'flashnode-connector' ),
							'type'        => 'string',
							'required'    => true,
						),
						'scopes'       => array(
							'description' => __( 'Comma-separated scopes of the service\'s user (default orders:read,orders:write,products:read).', 'flashnode-connector' ),
							'type'        => 'string',
							'maxLength'   => 500,
						),
					),
				),
				array(
					'methods'  => \WP_REST_Server::DELETABLE,
					'callback' => array( $this, 'disconnect' ),
					'args'     => array(
						'id' => array(
							'description' => __( 'The connection to end (optional while only one service is connected).', 'flashnode-connector' ),
							'type'        => 'string',
							'maxLength'   => 200,
							'default'     => '',
						),
					),
				),
			)
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'connections'             => self::field( 'array', __( 'The connected services, newest first: each with its user, scopes, keys, webhooks and feed consumers.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'service'                 => self::field( array( 'object', 'null' ), __( 'The newest connection (as in connections).', 'flashnode-connector' ) ),
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
		$calls       = HealthLog::entries();
		$last        = static function ( bool $authenticated_only ) use ( $calls ): ?array {
			foreach ( $calls as $call ) {
				if ( ! $authenticated_only || ! empty( $call['authenticated'] ) ) {
					return $call;
				}
			}
			return null;
		};
		$keys        = ApiKeys::all();
		$webhooks    = WebhookRegistry::summaries();
		$consumers   = Consumers::all();
		$connections = array_map(
			static function ( array $record ) use ( $keys, $webhooks, $consumers ): array {
				return self::view( $record, $keys, $webhooks, $consumers );
			},
			Connections::all()
		);
		return new \WP_REST_Response(
			array(
				'connections'             => $connections,
				// The newest connection, as 0.4's page read it.
				'service'                 => $connections[0] ?? null,
				'history'                 => History::entries(),
				'last_contact'            => $last( false ),
				'last_authenticated_call' => $last( true ),
				'recent_calls'            => array_slice( $calls, 0, self::RECENT_CALLS ),
				'keys'                    => $keys,
				'webhooks'                => $webhooks,
			)
		);
	}

	/**
	 * A connection as the page shows it: the record without its disconnect and reconnect addresses (which may carry
	 * the service's own token), with its user, its keys and webhooks, and its feed consumers.
	 *
	 * @param array<string,mixed>            $record   Connections record.
	 * @param array<int,array<string,mixed>> $keys     ApiKeys::all().
	 * @param array<int,array<string,mixed>> $webhooks  WebhookRegistry::summaries().
	 * @param array<int,array<string,mixed>> $consumers Consumers::all(), by key id.
	 * @return array<string,mixed>
	 */
	private static function view( array $record, array $keys, array $webhooks, array $consumers ): array {
		$user = get_userdata( $record['user_id'] );
		$view = $record;
		unset( $view['disconnect_url'], $view['reconnect_url'] );
		$mine = static function ( array $ids, string $field ): callable {
			return static function ( array $item ) use ( $ids, $field ): bool {
				return in_array( (int) $item[ $field ], $ids, true );
			};
		};
		return array_merge(
			$view,
			array(
				'notifies_on_disconnect' => null !== $record['disconnect_url'],
				// The card offers "Give … its own user" (OwnUser) when the connection is broader than needed.
				'reconnect_url_known'    => null !== $record['reconnect_url'],
				'user'                   => $user ? array(
					'id'    => (int) $user->ID,
					'login' => (string) $user->user_login,
					'name'  => (string) $user->display_name,
				) : null,
				// 0.4 connections act as the owner who approved them: every right of an administrator.
				'broader_than_needed'    => Connections::broader_than_needed( $record ),
				'scope_words'            => Scopes::describe( (array) $record['scopes'] ),
				'keys'                   => array_values( array_filter( $keys, $mine( $record['key_ids'], 'key_id' ) ) ),
				'webhooks'               => array_values( array_filter( $webhooks, $mine( $record['webhook_ids'], 'id' ) ) ),
				'consumers'              => self::consumers_of( $consumers, $record['key_ids'] ),
				// What WooCommerce refused the service lately, with the scope that would allow it.
				'refusals'               => Refusals::of( $record['id'] ),
				// The orders it transfers: its own statuses, or the shop-wide ones it follows.
				'transfer_statuses'      => self::labelled( array() === $record['order_statuses'] ? Settings::all()['order_statuses'] : $record['order_statuses'] ),
				'follows_shop_statuses'  => array() === $record['order_statuses'],
			)
		);
	}

	/**
	 * Statuses with the shop's names for them.
	 *
	 * @param string[] $statuses Status ids (without wc-).
	 * @return array<int,array{id:string,label:string}>
	 */
	private static function labelled( array $statuses ): array {
		$names = Settings::order_statuses();
		return array_map(
			static function ( string $id ) use ( $names ): array {
				return array(
					'id'    => $id,
					'label' => $names[ $id ] ?? $id,
				);
			},
			$statuses
		);
	}

	/**
	 * The feed consumers among a connection's keys, each with its key id.
	 *
	 * @param array<int,array<string,mixed>> $consumers Consumers::all(), by key id.
	 * @param int[]                          $key_ids   The connection's keys.
	 * @return array<int,array<string,mixed>>
	 */
	private static function consumers_of( array $consumers, array $key_ids ): array {
		$mine = array();
		foreach ( array_intersect_key( $consumers, array_flip( $key_ids ) ) as $key_id => $consumer ) {
			$mine[] = array( 'key_id' => $key_id ) + $consumer;
		}
		return $mine;
	}

	/**
	 * Creates a key and hands it to the service; the key is deleted again if the service does not accept it.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function connect( \WP_REST_Request $request ) {
		$proposal = Proposal::pasted( $request['callback_url'], $request['scopes'] );
		if ( is_wp_error( $proposal ) ) {
			return $proposal;
		}
		if ( ! RequestClaim::claim( 'connect', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$connected = Handoff::connect( $proposal );
		if ( is_wp_error( $connected ) ) {
			return $connected;
		}
		return new \WP_REST_Response( array( 'connected' => $connected ), 201 );
	}

	/**
	 * Ends a connection: revokes everything it owns.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function disconnect( \WP_REST_Request $request ) {
		$disconnected = Disconnect::run( (string) $request['id'], 'owner_disconnected' );
		if ( is_wp_error( $disconnected ) ) {
			return $disconnected;
		}
		return new \WP_REST_Response( array( 'disconnected' => $disconnected ) );
	}
}
