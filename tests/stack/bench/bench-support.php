<?php
/**
 * Test support for `npm run bench`, run with `wp eval-file` (bin/wp-cli/wp.sh) (WordPress and WooCommerce loaded).
 *
 * Commands:
 *   bench-support.php storefront   makes sure a published product exists; prints the URLs of the home page,
 *                                  that product and the cart as JSON
 *   bench-support.php autoloaded   prints the plugin's autoloaded options and their sizes as JSON
 *
 * @package Flashnode\Connector\Tests
 */

$command = $args[0] ?? '';
if ( 'storefront' === $command ) {
	$ids = wc_get_products(
		array(
			'status'  => 'publish',
			'limit'   => 1,
			'orderby' => 'ID',
			'order'   => 'ASC',
			'return'  => 'ids',
		)
	);
	if ( array() === $ids ) {
		// The local shop seeds three products; a shop without any still gets a product page to measure.
		$product = new WC_Product_Simple();
		$product->set_props(
			array(
				'name'          => 'Flashnode bench product',
				'sku'           => 'FLASHNODE-BENCH-1',
				'regular_price' => '10.00',
				'status'        => 'publish',
			)
		);
		$ids = array( $product->save() );
	}
	echo wp_json_encode(
		array(
			'home'    => home_url( '/' ),
			'product' => get_permalink( (int) $ids[0] ),
			'cart'    => wc_get_cart_url(),
		),
		JSON_UNESCAPED_SLASHES
	);
} elseif ( 'autoloaded' === $command ) {
	global $wpdb;
	// The values WordPress 6.6+ treats as autoloaded ('yes', 'on', 'auto-on', 'auto'), and the older 'yes'.
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the exact query the performance target is stated in.
	$rows = $wpdb->get_results(
		"SELECT option_name AS name, LENGTH(option_value) AS bytes FROM {$wpdb->options} WHERE option_name LIKE 'flashnode%' AND autoload IN ('yes','on','auto-on','auto') ORDER BY option_name",
		ARRAY_A
	);
	echo wp_json_encode(
		array_map(
			static function ( $row ) {
				return array(
					'name'  => $row['name'],
					'bytes' => (int) $row['bytes'],
				);
			},
			(array) $rows
		)
	);
} else {
	fwrite( STDERR, "usage: bench-support.php storefront | autoloaded\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- command-line usage message.
	exit( 2 );
}
