<?php
/**
 * Part of tests/stack/bench/bench-orders.php (its "restore" command): takes the shop back to what it had
 * before the first grow. Never part of the plugin zip.
 *
 * @package Flashnode\Connector\Tests
 */

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table names only; a test tool working on raw rows.

/**
 * Replaces a table by a copy of the rows to keep (same definition; its auto-increment counter follows the rows
 * kept). RENAME TABLE swaps both names in one step, so no request sees the table missing.
 *
 * @param string $table Table.
 * @param string $where Rows to keep.
 * @throws RuntimeException When the copy fails.
 */
function flashnode_bench_keep_only( string $table, string $where ): void {
	global $wpdb;
	$wpdb->query( "DROP TABLE IF EXISTS {$table}_bench_keep, {$table}_bench_old" );
	$wpdb->query( "CREATE TABLE {$table}_bench_keep LIKE {$table}" );
	if ( false === $wpdb->query( "INSERT INTO {$table}_bench_keep SELECT * FROM {$table} WHERE {$where}" ) ) {
		throw new RuntimeException( "keeping rows of {$table}: {$wpdb->last_error}" );
	}
	$wpdb->query( "RENAME TABLE {$table} TO {$table}_bench_old, {$table}_bench_keep TO {$table}" );
	$wpdb->query( "DROP TABLE {$table}_bench_old" );
}

/**
 * Deletes every order, item and change-log row added since the first grow (and the baseline option).
 *
 * @param array<string,mixed> $store From flashnode_bench_store().
 * @return array<string,mixed>
 */
function flashnode_bench_restore( array $store ): array {
	global $wpdb;
	$changes  = "{$wpdb->prefix}flashnode_changes";
	$baseline = get_option( FLASHNODE_BENCH_BASELINE );
	if ( ! is_array( $baseline ) ) {
		return array( 'restored' => false );
	}
	$order = (int) $baseline['order'];
	$post  = (int) $baseline['post'];
	// Copy what stays and swap the tables, instead of deleting: deleting 1.4 million item meta rows takes
	// minutes, copying the few rows the shop had takes a moment. The rows kept are the shop's own, with
	// whatever the run changed in them (a save of an existing order stays saved).
	$keep = array(
		'woocommerce_order_itemmeta' => $wpdb->prepare( 'order_item_id <= %d', $baseline['item'] ),
		'woocommerce_order_items'    => $wpdb->prepare( 'order_id <= %d', $order ),
		'wc_orders'                  => $wpdb->prepare( 'id <= %d', $order ),
		'wc_order_addresses'         => $wpdb->prepare( 'order_id <= %d', $order ),
		'wc_orders_meta'             => $wpdb->prepare( 'order_id <= %d', $order ),
		'wc_order_operational_data'  => $wpdb->prepare( 'order_id <= %d', $order ),
		'posts'                      => $wpdb->prepare( "ID <= %d OR post_type NOT IN ('shop_order', 'shop_order_placehold', 'shop_order_refund')", $post ),
		'postmeta'                   => $wpdb->prepare( "post_id <= %d OR post_id IN (SELECT ID FROM {$wpdb->posts})", $post ), // After posts.
		'flashnode_changes'          => $wpdb->prepare( 'change_id <= %d', $baseline['cursor'] ),
		'wc_order_stats'             => $wpdb->prepare( 'order_id <= %d', $order ),
		'wc_order_product_lookup'    => $wpdb->prepare( 'order_id <= %d', $order ),
		'wc_order_tax_lookup'        => $wpdb->prepare( 'order_id <= %d', $order ),
		'wc_order_coupon_lookup'     => $wpdb->prepare( 'order_id <= %d', $order ),
	);
	// Only the tables this WooCommerce has (posts-storage shops of old versions lack the HPOS ones).
	$present = $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix ) . '%' ) );
	foreach ( $keep as $table => $where ) {
		if ( in_array( $wpdb->prefix . $table, $present, true ) ) {
			flashnode_bench_keep_only( $wpdb->prefix . $table, $where );
		}
	}
	// Notes of the orders the checkout measurement created.
	$wpdb->query( $wpdb->prepare( "DELETE c, m FROM {$wpdb->comments} c LEFT JOIN {$wpdb->commentmeta} m ON m.comment_id = c.comment_ID WHERE c.comment_post_ID > %d AND c.comment_type = 'order_note'", $post ) );
	delete_option( FLASHNODE_BENCH_BASELINE );
	return array(
		'restored' => true,
		'orders'   => flashnode_bench_count( $store ),
	);
}
