<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): creates or deletes a WooCommerce API key for the
 * admin user, stored exactly as WooCommerce stores its own (hashed consumer key, secret, truncated key).
 *
 *   api-key.php create read|write|read_write   prints {"key_id":…,"consumer_key":…,"consumer_secret":…}
 *   api-key.php delete <key_id>
 *
 * @package Flashnode\Connector\Tests
 */

global $wpdb;
$table = $wpdb->prefix . 'woocommerce_api_keys';
if ( 'create' === ( $args[0] ?? '' ) ) {
	$consumer_key    = 'ck_' . wc_rand_hash();
	$consumer_secret = 'cs_' . wc_rand_hash();
	$wpdb->insert(
		$table,
		array(
			'user_id'         => get_user_by( 'login', 'admin' )->ID,
			'description'     => 'Flashnode e2e test key',
			'permissions'     => $args[1] ?? 'read_write',
			'consumer_key'    => wc_api_hash( $consumer_key ),
			'consumer_secret' => $consumer_secret,
			'truncated_key'   => substr( $consumer_key, -7 ),
		)
	);
	echo wp_json_encode(
		array(
			'key_id'          => (int) $wpdb->insert_id,
			'consumer_key'    => $consumer_key,
			'consumer_secret' => $consumer_secret,
		)
	);
} elseif ( 'delete' === ( $args[0] ?? '' ) ) {
	$wpdb->delete( $table, array( 'key_id' => (int) $args[1] ) );
} else {
	fwrite( STDERR, "usage: api-key.php create <permissions> | delete <key_id>\n" );
	exit( 2 );
}
