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

defined( 'ABSPATH' ) || exit;

/**
 * GET    flashnode/v1/keys        the plugin's keys (no secrets) and who may own a new one
 * POST   flashnode/v1/keys        creates a key; the only response that ever contains its consumer key and secret
 * DELETE flashnode/v1/keys/{id}   revokes one of the plugin's keys
 */
final class KeysController {

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		register_rest_route(
			AdminPermission::REST_NAMESPACE,
			'/keys',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'list_keys' ),
					'permission_callback' => array( AdminPermission::class, 'check' ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_key' ),
					'permission_callback' => array( AdminPermission::class, 'check' ),
					'args'                => array_merge(
						array( 'request_id' => RequestClaim::arg_schema() ),
						self::new_key_args()
					),
				),
			)
		);
		register_rest_route(
			AdminPermission::REST_NAMESPACE,
			'/keys/(?P<id>\d+)',
			array(
				'methods'             => \WP_REST_Server::DELETABLE,
				'callback'            => array( $this, 'revoke_key' ),
				'permission_callback' => array( AdminPermission::class, 'check' ),
				'args'                => array(
					'id' => array(
						'description' => __( 'Key id.', 'flashnode-connector' ),
						'type'        => 'integer',
						'minimum'     => 1,
						'required'    => true,
					),
				),
			)
		);
	}

	/**
	 * Arguments describing a new key, shared with the connection route (which creates one too).
	 *
	 * @return array<string,array<string,mixed>>
	 */
	public static function new_key_args(): array {
		return array(
			'user_id'     => array(
				'description' => __( 'The user the key acts as (default: you). Must be able to manage WooCommerce.', 'flashnode-connector' ),
				'type'        => 'integer',
				'minimum'     => 1,
			),
			'permissions' => array(
				'description' => __( 'What the key may do. Order integrations need read_write (they mark orders as transferred).', 'flashnode-connector' ),
				'type'        => 'string',
				'enum'        => ApiKeys::PERMISSIONS,
				'default'     => 'read_write',
			),
			'description' => array(
				'description' => __( 'Shown in the key lists (default: "Flashnode – <date>").', 'flashnode-connector' ),
				'type'        => 'string',
				'maxLength'   => 190,
			),
		);
	}

	/**
	 * The owner, permissions and description of a new key from a request, or why they cannot be used.
	 *
	 * @param \WP_REST_Request $request Request validated against new_key_args().
	 * @return array{user_id:int,permissions:string,description:string}|\WP_Error
	 */
	public static function new_key_from( \WP_REST_Request $request ) {
		$user_id = null === $request['user_id'] ? get_current_user_id() : (int) $request['user_id'];
		if ( ! ApiKeys::may_own( $user_id ) ) {
			return new \WP_Error(
				'flashnode_invalid_key_owner',
				__( 'Choose a user who can manage WooCommerce and whose profile you may edit (yourself, or anyone if you are an administrator).', 'flashnode-connector' ),
				array( 'status' => 400 )
			);
		}
		$description = is_string( $request['description'] ) ? sanitize_text_field( $request['description'] ) : '';
		if ( '' === $description ) {
			/* translators: %s: date and time the key was created. */
			$description = sprintf( __( 'Flashnode – %s', 'flashnode-connector' ), wp_date( 'Y-m-d H:i' ) );
		}
		return array(
			'user_id'     => $user_id,
			'permissions' => (string) $request['permissions'],
			'description' => $description,
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
		$new = self::new_key_from( $request );
		if ( is_wp_error( $new ) ) {
			return $new;
		}
		if ( ! RequestClaim::claim( 'create_key', (string) $request['request_id'] ) ) {
			return RequestClaim::duplicate();
		}
		$key = ApiKeys::create( $new['user_id'], $new['permissions'], $new['description'] );
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
