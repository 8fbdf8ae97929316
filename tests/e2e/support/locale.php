<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): the site language and the administrator's language.
 *
 *   locale.php get              prints {"site":…,"user":…} ("" = English / the site's language)
 *   locale.php set <site> <user>  ("" "" also removes the stand-in core catalogs, see core-language.php)
 *   locale.php user-data         prints the names the shop's users gave (API key descriptions, also of feed
 *                                consumers whose key is gone, webhook names) as
 *                                a JSON list: shown on the page, but no string of the plugin's
 *
 * @package Flashnode\Connector\Tests
 */

require_once __DIR__ . '/core-language.php';

$flashnode_user = get_user_by( 'login', 'admin' );
if ( ! $flashnode_user ) {
	fwrite( STDERR, "no user admin\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	exit( 1 );
}
if ( 'get' === ( $args[0] ?? '' ) ) {
	echo wp_json_encode(
		array(
			'site' => (string) get_option( 'WPLANG', '' ),
			'user' => (string) get_user_meta( $flashnode_user->ID, 'locale', true ),
		)
	), PHP_EOL;
	exit( 0 );
}
if ( 'user-data' === ( $args[0] ?? '' ) ) {
	global $wpdb;
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- test support: every name, whoever made it.
	$flashnode_names = array_merge( $wpdb->get_col( "SELECT description FROM {$wpdb->prefix}woocommerce_api_keys" ), $wpdb->get_col( "SELECT name FROM {$wpdb->prefix}wc_webhooks" ) );
	// Feed consumers keep the name of their key after the key is gone (the order-flow panel shows it).
	foreach ( (array) get_option( Flashnode\Connector\Feed\Consumers::OPTION, array() ) as $flashnode_consumer ) {
		$flashnode_names[] = (string) ( $flashnode_consumer['name'] ?? '' );
	}
	echo wp_json_encode( array_values( array_unique( array_filter( $flashnode_names ) ) ) ), PHP_EOL;
	exit( 0 );
}
if ( 'set' !== ( $args[0] ?? '' ) || ! isset( $args[1], $args[2] ) ) {
	fwrite( STDERR, "usage: locale.php get | set <site> <user> | user-data\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	exit( 2 );
}
flashnode_tests_install_core_language( $args[1] );
flashnode_tests_install_core_language( $args[2] );
// sanitize_option() keeps the old value for a language that is not installed: check that it took.
update_option( 'WPLANG', $args[1] );
update_user_meta( $flashnode_user->ID, 'locale', $args[2] );
if ( get_option( 'WPLANG' ) !== $args[1] ) {
	fwrite( STDERR, "WordPress refused the site language {$args[1]}\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	exit( 1 );
}
if ( '' === $args[1] && '' === $args[2] ) {
	flashnode_tests_remove_core_languages();
}
echo 'site ', $args[1], ', user ', $args[2], PHP_EOL;
