<?php
/**
 * Who may use the plugin's admin routes.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Rest;

defined( 'ABSPATH' ) || exit;

/**
 * Shop managers only. Cookie-authenticated requests also need the REST nonce (X-WP-Nonce), which WordPress
 * checks before any permission callback runs; without it the user is anonymous here.
 */
final class AdminPermission {

	/** Namespace of the admin routes. */
	public const REST_NAMESPACE = 'flashnode/v1';

	/**
	 * Permission callback for every admin route.
	 *
	 * @return true|\WP_Error
	 */
	public static function check() {
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
}
