<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): removes every key and webhook the plugin tracks, the
 * connections and their services' users, so a browser test that stopped half-way leaves no working key, no
 * webhook pointing at a closed receiver and no connection for the next one.
 *
 *   connection.php cleanup
 *
 * @package Flashnode\Connector\Tests
 */

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Webhooks\WebhookRegistry;

if ( 'cleanup' !== ( $args[0] ?? '' ) ) {
	fwrite( STDERR, "usage: connection.php cleanup\n" );
	exit( 2 );
}
if ( ! class_exists( ApiKeys::class ) ) {
	exit( 0 ); // Plugin not active: nothing of ours to remove.
}
foreach ( ApiKeys::ids() as $key_id ) {
	ApiKeys::revoke( $key_id );
}
foreach ( WebhookRegistry::ids() as $webhook_id ) {
	$webhook = WebhookRegistry::find( $webhook_id );
	if ( $webhook ) {
		WebhookRegistry::delete( $webhook );
	}
}
require_once ABSPATH . 'wp-admin/includes/user.php';
foreach ( get_users( array( 'role' => 'flashnode_connection' ) ) as $flashnode_user ) {
	wp_delete_user( $flashnode_user->ID );
}
delete_option( 'flashnode_connector_connections' );
delete_option( 'flashnode_connector_service' );
delete_option( 'flashnode_connector_connection_history' );
