<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): many of the local shop's sample orders in one process,
 * for include=orders on a big page. Each order and each of its line items gets meta whose keys are added out of
 * alphabetical order (and one key twice), so an answer listing meta_data by meta id differs from one listing it
 * as WooCommerce's single-order read does.
 *
 * Usage: feed-orders.php create <count> (prints the new orders' ids as JSON).
 *
 * @package Flashnode\Connector\Tests
 */

if ( 'create' !== ( $args[0] ?? '' ) || (int) ( $args[1] ?? 0 ) < 1 ) {
	fwrite( STDERR, "usage: feed-orders.php create <count>\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	exit( 2 );
}
require_once dirname( __DIR__, 3 ) . '/bin/shop/lib/functions.php';
require_once dirname( __DIR__, 3 ) . '/bin/shop/lib/woocommerce.php';

$ids = array();
for ( $i = 0; $i < (int) $args[1]; $i++ ) {
	$order = shop_create_order( 'processing', $i );
	foreach ( array( 'zz_feed_last', 'aa_feed_first', 'mm_feed_middle', 'aa_feed_first' ) as $n => $key ) {
		$order->add_meta_data( $key, "order {$i} meta {$n}" );
	}
	foreach ( $order->get_items() as $item ) {
		$item->add_meta_data( 'zz_feed_item', 'last' );
		$item->add_meta_data( 'aa_feed_item', 'first' );
		$item->save();
	}
	$order->save();
	$ids[] = $order->get_id();
}
echo wp_json_encode( $ids );
