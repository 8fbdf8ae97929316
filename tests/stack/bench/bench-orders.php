<?php
/**
 * Test support for `npm run bench` at scale, run with `wp eval-file` (bin/wp-cli/wp.sh) (WordPress loaded). Never
 * part of the plugin zip.
 *
 * Grows the local shop to N orders by cloning its own orders with SQL (WooCommerce takes about 0.4 s per order
 * here; INSERT … SELECT doubles tens of thousands in seconds). A clone is a full order as WooCommerce reads it: the order tables of the storage in use (HPOS:
 * wc_orders, wc_order_addresses, wc_order_operational_data, wc_orders_meta and the placeholder post; posts
 * storage: the post and its meta; both when compatibility-mode sync is on), its items and item meta, and the
 * change-log row the plugin writes for every order it finds on activation ('existing'), so `after=0` backfills
 * the clones like any order. Analytics tables (wc_order_stats and the lookups) are not cloned: neither the
 * REST API's orders route nor the change feed reads them.
 *
 * Commands (each prints JSON):
 *   grow <orders> [max seconds]  clone until the shop has <orders> orders (doubling; stops at the time limit)
 *   touch <n>                    n clones, spread over the shop, modified now, each with the 'updated' change-log
 *                                row a save writes: the same orders for the feed and for wc/v3 modified_after
 *   marks                        the numbers the scale probes need (head cursor, last page's cursor, orders)
 *   restore                      deletes every order and change-log row added since the first grow
 *
 * @package Flashnode\Connector\Tests
 */

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table names only; a test tool working on raw rows.

use Automattic\WooCommerce\Utilities\OrderUtil;

require_once __DIR__ . '/bench-orders-restore.php';

/** Seconds: a change-log row this old is past the feed's gap timeout (60 s by default), so never "in doubt". */
const FLASHNODE_BENCH_OLD = 61;

/** What the shop had before the first grow; restore deletes everything above it. Not autoloaded. */
const FLASHNODE_BENCH_BASELINE = 'flashnode_bench_scale_baseline';

/**
 * Where orders live: the authoritative table and its columns, and which copies exist.
 *
 * @return array{table:string,id:string,type:string,status:string,modified:string,hpos_rows:bool,post_rows:bool}
 */
function flashnode_bench_store(): array {
	global $wpdb;
	$hpos = OrderUtil::custom_orders_table_usage_is_enabled();
	$sync = 'yes' === get_option( 'woocommerce_custom_orders_table_data_sync_enabled' );
	return $hpos
		? array( 'table' => "{$wpdb->prefix}wc_orders", 'id' => 'id', 'type' => 'type', 'status' => 'status', 'modified' => 'date_updated_gmt', 'hpos_rows' => true, 'post_rows' => true ) // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing
		: array( 'table' => $wpdb->posts, 'id' => 'ID', 'type' => 'post_type', 'status' => 'post_status', 'modified' => 'post_modified_gmt', 'hpos_rows' => $sync, 'post_rows' => true ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing
}

/**
 * SQL condition for the orders that count: real orders, not drafts, trash or refunds.
 *
 * @param array<string,mixed> $store From flashnode_bench_store().
 */
function flashnode_bench_is_order( array $store ): string {
	return "{$store['type']} = 'shop_order' AND {$store['status']} NOT IN ('trash', 'auto-draft', 'wc-checkout-draft', 'checkout-draft')";
}

/**
 * Copies rows of a table with some columns rewritten (an expression per column name; 'NULL' lets an
 * auto-increment column number the copy).
 *
 * @param string               $table   Table.
 * @param array<string,string> $rewrite Column => SQL expression over the source row.
 * @param string               $where   Which rows.
 * @throws RuntimeException When the copy fails.
 */
function flashnode_bench_copy( string $table, array $rewrite, string $where ): int {
	global $wpdb;
	$columns = $wpdb->get_col( "SHOW COLUMNS FROM {$table}" );
	$select  = array_map(
		static function ( $column ) use ( $rewrite ) {
			return $rewrite[ $column ] ?? "`{$column}`";
		},
		$columns
	);
	$done    = $wpdb->query( "INSERT INTO {$table} (`" . implode( '`, `', $columns ) . '`) SELECT ' . implode( ', ', $select ) . " FROM {$table} WHERE {$where}" );
	if ( false === $done ) {
		throw new RuntimeException( "copying {$table}: {$wpdb->last_error}" );
	}
	return (int) $done;
}

/**
 * Waits until the newest change-log row is FLASHNODE_BENCH_OLD seconds old (at most that long), so the clones'
 * rows, stamped that old, are not older than any row before them.
 */
function flashnode_bench_settle(): void {
	global $wpdb;
	$age = $wpdb->get_var( "SELECT TIMESTAMPDIFF(SECOND, MAX(created_gmt), UTC_TIMESTAMP()) FROM {$wpdb->prefix}flashnode_changes" );
	if ( null !== $age && (int) $age < FLASHNODE_BENCH_OLD ) {
		sleep( FLASHNODE_BENCH_OLD - max( 0, (int) $age ) );
	}
}

/**
 * Number of orders in the shop.
 *
 * @param array<string,mixed> $store From flashnode_bench_store().
 */
function flashnode_bench_count( array $store ): int {
	global $wpdb;
	return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$store['table']} WHERE " . flashnode_bench_is_order( $store ) );
}

/**
 * One doubling step: copies the first $need orders (by id) to new ids above every post and order id.
 *
 * @param array<string,mixed> $store From flashnode_bench_store().
 * @param int                 $need  Orders to add (at most the number there are).
 * @throws RuntimeException When a copy fails.
 */
function flashnode_bench_clone( array $store, int $need ): void {
	global $wpdb;
	$is_order = flashnode_bench_is_order( $store );
	$low      = (int) $wpdb->get_var( "SELECT MIN({$store['id']}) FROM {$store['table']} WHERE {$is_order}" );
	$high     = (int) $wpdb->get_var( $wpdb->prepare( "SELECT {$store['id']} FROM {$store['table']} WHERE {$is_order} ORDER BY {$store['id']} LIMIT 1 OFFSET %d", $need - 1 ) );
	// Above every post id too: on HPOS a post (the placeholder) reserves each order's id.
	$top   = max( (int) $wpdb->get_var( "SELECT MAX(ID) FROM {$wpdb->posts}" ), (int) $wpdb->get_var( "SELECT MAX({$store['id']}) FROM {$store['table']}" ) );
	$shift = $top + 1 - $low;
	$wpdb->query( 'CREATE TEMPORARY TABLE IF NOT EXISTS flashnode_bench_source (id bigint unsigned PRIMARY KEY)' );
	$wpdb->query( 'DELETE FROM flashnode_bench_source' );
	$wpdb->query( $wpdb->prepare( "INSERT INTO flashnode_bench_source SELECT {$store['id']} FROM {$store['table']} WHERE {$is_order} AND {$store['id']} BETWEEN %d AND %d", $low, $high ) );
	$source = 'SELECT id FROM flashnode_bench_source';

	$items      = "{$wpdb->prefix}woocommerce_order_items";
	$item_low   = (int) $wpdb->get_var( "SELECT MIN(order_item_id) FROM {$items} WHERE order_id IN ({$source})" );
	$item_shift = (int) $wpdb->get_var( "SELECT MAX(order_item_id) FROM {$items}" ) + 1 - $item_low;
	// Item meta first: its source rows are found through the items, before their copies exist.
	flashnode_bench_copy(
		"{$wpdb->prefix}woocommerce_order_itemmeta",
		array(
			'meta_id'       => 'NULL',
			'order_item_id' => "order_item_id + {$item_shift}",
		),
		"order_item_id IN (SELECT order_item_id FROM {$items} WHERE order_id IN ({$source}))"
	);
	flashnode_bench_copy(
		$items,
		array(
			'order_item_id' => "order_item_id + {$item_shift}",
			'order_id'      => "order_id + {$shift}",
		),
		"order_id IN ({$source})"
	);
	flashnode_bench_copy( $wpdb->posts, array( 'ID' => "ID + {$shift}" ), "ID IN ({$source})" );
	flashnode_bench_copy(
		$wpdb->postmeta,
		array(
			'meta_id' => 'NULL',
			'post_id' => "post_id + {$shift}",
		),
		"post_id IN ({$source})"
	);
	if ( $store['hpos_rows'] ) {
		flashnode_bench_copy( "{$wpdb->prefix}wc_orders", array( 'id' => "id + {$shift}" ), "id IN ({$source})" );
		$child = array(
			'id'       => 'NULL',
			'order_id' => "order_id + {$shift}",
		);
		flashnode_bench_copy( "{$wpdb->prefix}wc_order_addresses", $child, "order_id IN ({$source})" );
		flashnode_bench_copy( "{$wpdb->prefix}wc_orders_meta", $child, "order_id IN ({$source})" );
		// Order keys stay unique: WooCommerce finds an order by its key (payment returns, "order received").
		flashnode_bench_copy( "{$wpdb->prefix}wc_order_operational_data", $child + array( 'order_key' => "CONCAT('wc_order_bench', order_id + {$shift})" ), "order_id IN ({$source})" );
	}
	// The row the plugin's own seed (ChangeLogSchema::install) writes for an order that exists before the log, written
	// just older than the feed's gap timeout (see flashnode_bench_settle()) instead of at the order's date: the
	// seed runs on an empty log, these follow newer rows, and the feed expects created_gmt to grow with cursor.
	$changes = "{$wpdb->prefix}flashnode_changes";
	$wpdb->query(
		"INSERT INTO {$changes} (order_id, event, status, modified_gmt, created_gmt)
		SELECT {$store['id']} + {$shift}, 'existing', IF({$store['status']} LIKE 'wc-%', SUBSTRING({$store['status']}, 4), {$store['status']}), {$store['modified']}, UTC_TIMESTAMP() - INTERVAL " . FLASHNODE_BENCH_OLD . ' SECOND'
		. " FROM {$store['table']} WHERE {$store['id']} IN ({$source}) ORDER BY {$store['id']}"
	);
	// As the seed does: no unused auto-increment values after the copies (the feed would wait for such a gap).
	$wpdb->query( "ALTER TABLE {$changes} AUTO_INCREMENT = 1" );
}

/**
 * The command.
 *
 * @param string[] $args Arguments.
 * @return array<string,mixed>
 * @throws RuntimeException Without orders to clone, or before grow.
 */
function flashnode_bench_orders_command( array $args ): array {
	global $wpdb;
	$store   = flashnode_bench_store();
	$changes = "{$wpdb->prefix}flashnode_changes";
	switch ( $args[0] ?? '' ) {
		case 'grow':
			$target  = max( 1, (int) ( $args[1] ?? 0 ) );
			$limit   = max( 1, (int) ( $args[2] ?? 600 ) );
			$started = microtime( true );
			$count   = flashnode_bench_count( $store );
			if ( 0 === $count ) {
				throw new RuntimeException( 'the shop has no order to clone' );
			}
			add_option(
				FLASHNODE_BENCH_BASELINE,
				array(
					'post'   => (int) $wpdb->get_var( "SELECT MAX(ID) FROM {$wpdb->posts}" ),
					'order'  => (int) $wpdb->get_var( "SELECT MAX({$store['id']}) FROM {$store['table']}" ),
					'item'   => (int) $wpdb->get_var( "SELECT MAX(order_item_id) FROM {$wpdb->prefix}woocommerce_order_items" ),
					'cursor' => (int) $wpdb->get_var( "SELECT MAX(change_id) FROM {$changes}" ),
				),
				'',
				false
			);
			flashnode_bench_settle();
			while ( $count < $target && microtime( true ) - $started < $limit ) {
				$need = min( $count, $target - $count );
				flashnode_bench_clone( $store, $need );
				$count += $need;
			}
			return array(
				'orders'  => flashnode_bench_count( $store ),
				'seconds' => round( microtime( true ) - $started, 1 ),
			);

		case 'touch':
			$n        = max( 1, (int) ( $args[1] ?? 100 ) );
			$baseline = get_option( FLASHNODE_BENCH_BASELINE );
			if ( ! is_array( $baseline ) ) {
				throw new RuntimeException( 'touch needs clones: run grow first' );
			}
			$is_order = flashnode_bench_is_order( $store );
			$clones   = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$store['table']} WHERE {$is_order} AND {$store['id']} > %d", $baseline['order'] ) );
			$step     = max( 1, intdiv( $clones, $n ) );
			$ids      = array_map(
				'intval',
				$wpdb->get_col(
					$wpdb->prepare(
						"SELECT id FROM (SELECT {$store['id']} AS id, ROW_NUMBER() OVER (ORDER BY {$store['id']}) AS n FROM {$store['table']} WHERE {$is_order} AND {$store['id']} > %d) numbered WHERE MOD(n, %d) = 0 ORDER BY id LIMIT %d",
						$baseline['order'],
						$step,
						$n
					)
				)
			);
			$after    = (int) $wpdb->get_var( "SELECT MAX(change_id) FROM {$changes}" );
			$now      = (string) $wpdb->get_var( 'SELECT UTC_TIMESTAMP()' );
			$in       = implode( ',', $ids );
			$wpdb->query( $wpdb->prepare( "UPDATE {$store['table']} SET {$store['modified']} = %s WHERE {$store['id']} IN ({$in})", $now ) );
			if ( $store['hpos_rows'] && $store['table'] === $wpdb->posts ) {
				$wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->prefix}wc_orders SET date_updated_gmt = %s WHERE id IN ({$in})", $now ) );
			}
			$wpdb->query(
				"INSERT INTO {$changes} (order_id, event, status, modified_gmt, created_gmt)
				SELECT {$store['id']}, 'updated', IF({$store['status']} LIKE 'wc-%', SUBSTRING({$store['status']}, 4), {$store['status']}), {$store['modified']}, UTC_TIMESTAMP()
				FROM {$store['table']} WHERE {$store['id']} IN ({$in}) ORDER BY {$store['id']}"
			);
			$wpdb->query( "ALTER TABLE {$changes} AUTO_INCREMENT = 1" );
			return array(
				'ids'            => $ids,
				'after'          => $after,
				'modified_after' => gmdate( 'Y-m-d\TH:i:s', strtotime( $now . ' UTC' ) - 1 ),
			);

		case 'marks':
			return array(
				'head'      => (int) $wpdb->get_var( "SELECT MAX(change_id) FROM {$changes}" ),
				// The last page of a backfill from after=0 in pages of 100: the cursor before the last 100 rows.
				'last_page' => (int) $wpdb->get_var( "SELECT change_id FROM {$changes} ORDER BY change_id DESC LIMIT 1 OFFSET 100" ),
				'orders'    => flashnode_bench_count( $store ),
				'changes'   => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$changes}" ),
			);

		case 'restore':
			return flashnode_bench_restore( $store );
	}
	fwrite( STDERR, "usage: bench-orders.php grow <orders> [max seconds] | touch <n> | marks | restore\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- command-line usage message.
	exit( 2 );
}

echo wp_json_encode( flashnode_bench_orders_command( $args ) );
