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
	// A second save with an explicit date: WooCommerce stamps "now" on the first one. Created then too, so that
	// lists ordered by creation (the order-flow panel's oldest stuck orders) show it before a long-used shop's own.
	$order->set_date_modified( strtotime( $args[2] . ' UTC' ) );
	$order->set_date_created( strtotime( $args[2] . ' UTC' ) );
	$order->save();
	if ( ! Automattic\WooCommerce\Utilities\OrderUtil::custom_orders_table_usage_is_enabled() ) {
		// Posts storage saves through wp_update_post(), which always stamps the current time as post_modified:
		// write the chosen time into the post itself, as an order last changed then would have it.
		global $wpdb;
		$wpdb->update(
			$wpdb->posts,
			array(
				'post_modified'     => get_date_from_gmt( $args[2] ),
				'post_modified_gmt' => $args[2],
			),
			array( 'ID' => $order->get_id() )
		);
		clean_post_cache( $order->get_id() );
	}
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
