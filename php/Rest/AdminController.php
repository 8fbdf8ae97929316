<?php
/**
 * What every admin route under flashnode/v1 shares.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

use Flashnode\Connector\Http\RestController;

defined( 'ABSPATH' ) || exit;

/**
 * On the plugin's one controller base (Http\RestController): one namespace, one permission check, and the
 * controller's schema attached to its routes, which WordPress shows for OPTIONS requests and in the REST index.
 * The integrators' routes (wc-flashnode/v1) are not admin routes and have their own layer.
 */
abstract class AdminController extends RestController {

	/** Namespace of the admin routes. */
	public const REST_NAMESPACE = 'flashnode/v1';

	/**
	 * Namespace of the admin routes.
	 *
	 * @var string
	 */
	protected $namespace = self::REST_NAMESPACE;

	/**
	 * Shop managers only: the permission callback of every admin route. Cookie-authenticated requests also need
	 * the REST nonce (X-WP-Nonce), which WordPress checks before any permission callback runs; without it the
	 * user is anonymous here.
	 *
	 * @return true|\WP_Error
	 */
	public static function check_permission() {
		if ( current_user_can( 'manage_woocommerce' ) ) {
			return true;
		}
		return new \WP_Error(
			'flashnode_forbidden',
			is_user_logged_in()
				? __( 'Only shop managers (the manage_woocommerce capability) can use Flashnode Connector.', 'flashnode-connector' )
				: __( 'Log in to WordPress as a shop manager first (requests from the admin page send a REST nonce).', 'flashnode-connector' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Registers a route whose every endpoint is guarded by check_permission() and described by the schema.
	 *
	 * @param non-falsy-string                  $path        Route below the namespace, e.g. '/keys/(?P<id>\d+)'.
	 * @param array<int,array<string,mixed>>    $endpoints   Each: methods, callback, args.
	 * @param array<string,array<string,mixed>> $common_args Arguments of every endpoint (e.g. the id in the path).
	 */
	protected function add_route( string $path, array $endpoints, array $common_args = array() ): void {
		$route = array( 'schema' => array( $this, 'get_public_item_schema' ) );
		if ( array() !== $common_args ) {
			$route['args'] = $common_args;
		}
		foreach ( $endpoints as $endpoint ) {
			$endpoint['permission_callback'] = array( self::class, 'check_permission' );
			$route[]                         = $endpoint;
		}
		register_rest_route( self::REST_NAMESPACE, $path, $route );
	}

	/**
	 * The id argument of a route such as /keys/{id}.
	 *
	 * @param string $description What the id is.
	 * @return array<string,array<string,mixed>>
	 */
	protected static function id_arg( string $description ): array {
		return array(
			'id' => array(
				'description' => $description,
				'type'        => 'integer',
				'minimum'     => 1,
				'required'    => true,
			),
		);
	}
}
