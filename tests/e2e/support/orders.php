<?php
/**
 * Test support, run with `php bin/shop/wp.php eval-file`: orders with a chosen status and modification time.
 *
 *   orders.php create <status> <modified, UTC, Y-m-d H:i:s>   prints the order id
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
} elseif ( 'delete' === ( $args[0] ?? '' ) ) {
	foreach ( array_slice( $args, 1 ) as $id ) {
		$order = wc_get_order( (int) $id );
		if ( $order ) {
			$order->delete( true );
		}
	}
} else {
	fwrite( STDERR, "usage: orders.php create <status> <modified UTC> | delete <id>…\n" );
	exit( 2 );
}
