<?php
/**
 * Runs when the shop owner deletes the plugin in Plugins > Installed Plugins: removes everything the plugin
 * stored. (WooCommerce's own settings it switched on for the owner, such as the Legacy API or permalinks, stay
 * as they are; they belong to the shop. The .htaccess rule, if added, is removed too.)
 *
 * @package Flashnode\Connector
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

foreach ( array( 'flashnode_connector_settings', 'flashnode_connector_health_log', 'flashnode_connector_last_readiness', 'flashnode_connector_webhook_ids' ) as $flashnode_connector_option ) {
	delete_option( $flashnode_connector_option );
}
delete_transient( 'flashnode_connector_readiness' );
delete_transient( 'flashnode_connector_probe_token' );

// The .htaccess block between "# BEGIN Flashnode Connector" and "# END Flashnode Connector", if any.
require_once __DIR__ . '/php/Readiness/Fix.php';
require_once __DIR__ . '/php/Readiness/Fixes/AuthorizationHeaderFix.php';
( new \Flashnode\Connector\Readiness\Fixes\AuthorizationHeaderFix() )->remove();
