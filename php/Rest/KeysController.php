<?php
/**
 * Admin routes for the plugin's WooCommerce API keys.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Http\NoStore;
use Flashnode\Connector\Http\RequestClaim;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Keys\NewKey;

defined( 'ABSPATH' ) || exit;

/**
 * GET    flashnode/v1/keys        the plugin's keys (no secrets) and who may own a new one
 * POST   flashnode/v1/keys        creates a key; the only response that ever contains its consumer key and secret
 * DELETE flashnode/v1/keys/{id}   revokes one of the plugin's keys
 */
final class KeysController extends AdminController {

	/**
	 * Route base.
	 *
	 * @var string
	 */
	protected $rest_base = 'keys';

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		$this->add_route(
			'/keys',
			array(
				array(
					'methods'  => \WP_REST_Server::READABLE,
					'callback' => array( $this, 'list_keys' ),
				),
				array(
					'methods'  => \WP_REST_Server::CREATABLE,
					'callback' => array( $this, 'create_key' ),
					'args'     => array_merge( array( 'request_id' => RequestClaim::arg_schema() ), NewKey::args() ),
				),
			)
		);
		$this->add_route(
			'/keys/(?P<id>\d+)',
			array(
				array(
					'methods'  => \WP_REST_Server::DELETABLE,
					'callback' => array( $this, 'revoke_key' ),
				),
			),
			self::id_arg( __( 'Key id.', 'flashnode-connector' ) )
		);
	}

	/**
	 * {@inheritDoc}
	 */
	protected function answer_properties(): array {
		return array(
			'keys'            => self::field( 'array', __( 'The plugin\'s keys, newest first, without secrets.', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'owners'          => self::field( 'array', __( 'Users who may own a new key (id, name, login).', 'flashnode-connector' ), array( 'items' => array( 'type' => 'object' ) ) ),
			'current_user_id' => self::field( 'integer', __( 'The user asking.', 'flashnode-connector' ) ),
			'key'             => self::field( 'object', __( 'A new key with its consumer key and secret (POST only, shown this once).', 'flashnode-connector' ) ),
			'revoked'         => self::field( 'integer', __( 'Id of the revoked key (DELETE).', 'flashnode-connector' ) ),
		);
	}

	/**
	 * The plugin's keys and the users who may own a new one.
	 */
	public function list_keys(): \WP_REST_Response {
		return new \WP_REST_Response(
			array(
				'keys'            => ApiKeys::all(),
				'owners'          => ApiKeys::eligible_owners(),
				'current_user_id' => get_current_user_id(),
			)
		);
	}

	/**
	 * Creates a key and returns it, secrets included, this once.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_key( \WP_REST_Request $request ) {
		$new = NewKey::from( $request->get_params() );
		if ( is_wp_error( $new ) ) {
			return $new;
		}
		if ( ! RequestClaim::claim( 'create_key', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$key = $new->create();
		if ( is_wp_error( $key ) ) {
			return $key;
		}
		// The secret must not linger in any cache between the shop and the browser.
		return NoStore::mark( new \WP_REST_Response( array( 'key' => $key ), 201 ) );
	}

	/**
	 * Revokes a key.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function revoke_key( \WP_REST_Request $request ) {
		$key_id = (int) $request['id'];
		if ( ! ApiKeys::revoke( $key_id ) ) {
			return new \WP_Error( 'flashnode_key_not_found', __( 'No API key of Flashnode Connector has this id (keys created elsewhere are managed in WooCommerce > Settings > Advanced > REST API).', 'flashnode-connector' ), array( 'status' => 404 ) );
		}
		return new \WP_REST_Response( array( 'revoked' => $key_id ) );
	}
}
