<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): orders with a chosen status and modification time.
 *
 *   orders.php create <status> <modified, UTC, Y-m-d H:i:s>   prints the order id
 *   orders.php sample <status>   one of the local shop's sample orders (products, addresses, payment); prints its id
 *   orders.php delete <id>…
 *
 * @package Flashnode\Connector\Tests
 */

if ( 'create' === ( $args[0] ?? '' ) ) {
	$order = wc_create_order();
	$order->set_billing_email( 'e2e@example.test' );
	$order->set_status( $args[1] );
	$order->save();
	// A second save with an explicit date: WooCommerce stamps "now" on the first one.
	$order->set_date_modified( strtotime( $args[2] . ' UTC' ) );
	$order->save();
	echo (int) $order->get_id();
} elseif ( 'sample' === ( $args[0] ?? '' ) ) {
	// The same order bin/shop/setup-woocommerce.php seeds the shop with, made by the same code.
	require_once dirname( __DIR__, 3 ) . '/bin/shop/lib/functions.php';
	require_once dirname( __DIR__, 3 ) . '/bin/shop/lib/woocommerce.php';
	echo (int) shop_create_order( (string) ( $args[1] ?? '' ), wp_rand( 0, 99 ) )->get_id();
} elseif ( 'delete' === ( $args[0] ?? '' ) ) {
	foreach ( array_slice( $args, 1 ) as $id ) {
		$order = wc_get_order( (int) $id );
		if ( $order ) {
			$order->delete( true );
		}
	}
} else {
	fwrite( STDERR, "usage: orders.php create <status> <modified UTC> | sample <status> | delete <id>…\n" );
	exit( 2 );
}
