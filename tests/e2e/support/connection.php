<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): removes every key and webhook the plugin tracks, so a
 * browser test that stopped half-way leaves no working key and no webhook pointing at a closed receiver.
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
delete_option( 'flashnode_connector_service' );
delete_option( 'flashnode_connector_connection_history' );
