<?php
/**
 * Test support for `npm run bench`: what the change log costs an order save and a checkout, run with
 * `bash bin/wp-cli/wp.sh eval-file tests/stack/bench/bench-save.php <update rounds> <checkout rounds>`. Never part
 * of the plugin zip. Prints JSON.
 *
 * "Off" is the shop without the recorder's callbacks (taken out of WordPress's hook table), not the plugin
 * inactive: the difference is exactly what recording costs. Rounds alternate on/off (ABBA), in one PHP process,
 * so the machine's noise hits both alike. The timed rounds run without SAVEQUERIES; the INSERTs are counted after
 * them, with SAVEQUERIES on (it slows every query, and once defined it cannot be switched off again).
 *
 * - update: load one of the bench's cloned orders, change its customer note, save (one save). A third state,
 *   "floor", times the save with the recorder out and one `SELECT 1` in its place: what any one more statement
 *   costs a save, the yardstick for the change log's one INSERT.
 * - checkout: what WooCommerce's checkout does to a new order paid at once: line item and addresses, totals,
 *   saved, then payment_complete() (processing; WooCommerce's e-mails and stock handling included). Its
 *   orders are deleted afterwards; the run's restore removes every trace of them.
 *
 * @package Flashnode\Connector\Tests
 */

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\ChangeRecorder;

/**
 * Hooks the recorder in or out.
 *
 * @param bool                                              $on        In or out.
 * @param array<int,array{0:string,1:callable,2:int,3:int}> $callbacks From flashnode_bench_recorder_callbacks().
 */
function flashnode_bench_recorder( bool $on, array $callbacks ): void {
	foreach ( $callbacks as list( $hook, $function, $priority, $accepted ) ) {
		if ( $on ) {
			add_action( $hook, $function, $priority, $accepted );
		} else {
			remove_action( $hook, $function, $priority );
		}
	}
}

/**
 * One order update: load, change, save.
 *
 * @param int $order_id Order.
 * @param int $round    Makes each save a real change.
 * @throws RuntimeException When the order is missing.
 */
function flashnode_bench_update( int $order_id, int $round ): void {
	$order = wc_get_order( $order_id );
	if ( ! $order instanceof WC_Order ) {
		throw new RuntimeException( "order {$order_id} is missing" );
	}
	$order->set_customer_note( "Bench save {$round}" );
	$order->save();
}

/**
 * One checkout's work on the order: created as pending with a line item and addresses, then paid (processing).
 *
 * @param WC_Product $product Product bought.
 * @return int The order's id.
 */
function flashnode_bench_checkout( WC_Product $product ): int {
	$order = new WC_Order();
	$order->set_created_via( 'checkout' );
	$order->add_product( $product, 2 );
	$address = array(
		'first_name' => 'Bench',
		'last_name'  => 'Buyer',
		'address_1'  => '1 Bench Street',
		'city'       => 'Berlin',
		'postcode'   => '10115',
		'country'    => 'DE',
		'email'      => 'bench-buyer@example.test',
	);
	$order->set_address( $address, 'billing' );
	$order->set_address( $address, 'shipping' );
	$order->set_payment_method( 'bacs' );
	// As WC_Checkout::create_order() and a gateway that takes the payment at once: totals (which saves the new
	// order), a save, then payment_complete() (status processing, stock, e-mails).
	$order->calculate_totals();
	$order->save();
	$order->payment_complete( 'bench-' . wp_generate_password( 8, false ) );
	return $order->get_id();
}

// WP-CLI's eval-file runs this file inside a method: WordPress's globals must be named.
global $wpdb;

$flashnode_bench_rounds   = array(
	'update'   => max( 1, (int) ( $args[0] ?? 40 ) ),
	'checkout' => max( 1, (int) ( $args[1] ?? 10 ) ),
);
$flashnode_bench_order_id = (int) current(
	wc_get_orders(
		array(
			'type'    => 'shop_order',
			'limit'   => 1,
			'orderby' => 'id',
			'order'   => 'DESC',
			'return'  => 'ids',
		)
	)
);
$flashnode_bench_product  = wc_get_product( (int) current( wc_get_products( array( 'status' => 'publish', 'limit' => 1, 'return' => 'ids' ) ) ) ); // phpcs:ignore WordPress.Arrays.ArrayDeclarationSpacing
if ( ! $flashnode_bench_order_id || ! $flashnode_bench_product instanceof WC_Product ) {
	throw new RuntimeException( 'the shop needs an order and a published product' );
}
// flashnode_bench_recorder_callbacks(): tests/stack/bench/flashnode-bench.php, installed for the bench's run.
$flashnode_bench_callbacks = flashnode_bench_recorder_callbacks();
if ( array() === $flashnode_bench_callbacks ) {
	throw new RuntimeException( 'the change recorder is not hooked in (is the plugin active and its table installed?)' );
}
$flashnode_bench_created = array();
$flashnode_bench_run     = static function ( string $what, int $round ) use ( $flashnode_bench_order_id, $flashnode_bench_product, &$flashnode_bench_created ): float {
	$started = hrtime( true );
	if ( 'update' === $what ) {
		flashnode_bench_update( $flashnode_bench_order_id, $round );
	} else {
		$flashnode_bench_created[] = flashnode_bench_checkout( $flashnode_bench_product );
	}
	return ( hrtime( true ) - $started ) / 1e6;
};

// The floor for any one more statement in a save: the recorder out and a `SELECT 1` (no write, no commit) on the
// hook it writes from. What the change log costs beyond it is its INSERT's commit.
$flashnode_bench_floor = static function (): void {
	global $wpdb;
	$wpdb->query( 'SELECT 1' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the statement is the measurement.
};

// One untimed round of each first: the first save of a process loads classes and fills caches.
$flashnode_bench_run( 'update', 0 );
$flashnode_bench_run( 'checkout', 0 );
$flashnode_bench_out = array();
foreach ( $flashnode_bench_rounds as $flashnode_bench_what => $flashnode_bench_count ) {
	$flashnode_bench_states                       = 'update' === $flashnode_bench_what ? array( 'on', 'off', 'floor' ) : array( 'on', 'off' );
	$flashnode_bench_out[ $flashnode_bench_what ] = array_fill_keys( $flashnode_bench_states, array() );
	for ( $flashnode_bench_round = 1; $flashnode_bench_round <= $flashnode_bench_count; $flashnode_bench_round++ ) {
		// The states take turns at coming first (for two states: ABBA), so none always runs on a cold or warm cache.
		$flashnode_bench_shift = $flashnode_bench_round % count( $flashnode_bench_states );
		$flashnode_bench_order = array_merge( array_slice( $flashnode_bench_states, $flashnode_bench_shift ), array_slice( $flashnode_bench_states, 0, $flashnode_bench_shift ) );
		foreach ( $flashnode_bench_order as $flashnode_bench_index => $flashnode_bench_state ) {
			flashnode_bench_recorder( 'on' === $flashnode_bench_state, $flashnode_bench_callbacks );
			if ( 'floor' === $flashnode_bench_state ) {
				add_action( 'woocommerce_after_order_object_save', $flashnode_bench_floor );
			}
			$flashnode_bench_out[ $flashnode_bench_what ][ $flashnode_bench_state ][] = $flashnode_bench_run( $flashnode_bench_what, $flashnode_bench_round * 3 + $flashnode_bench_index );
			remove_action( 'woocommerce_after_order_object_save', $flashnode_bench_floor );
			flashnode_bench_recorder( true, $flashnode_bench_callbacks );
		}
	}
}

// Now the INSERTs, with SAVEQUERIES: one operation of each kind with the recorder on and off.
define( 'SAVEQUERIES', true );
$flashnode_bench_inserts = static function ( string $table = '' ): int {
	global $wpdb;
	$count = 0;
	foreach ( (array) $wpdb->queries as $query ) {
		if ( preg_match( '/^\s*INSERT\s+(?:IGNORE\s+)?INTO\s+`?(\w+)/i', $query[0], $match ) && ( '' === $table || $match[1] === $table ) ) {
			++$count;
		}
	}
	return $count;
};
$flashnode_bench_saves   = 0;
add_action(
	'woocommerce_after_order_object_save',
	static function () use ( &$flashnode_bench_saves ) {
		++$flashnode_bench_saves;
	}
);
foreach ( array_keys( $flashnode_bench_rounds ) as $flashnode_bench_what ) {
	foreach ( array( true, false ) as $flashnode_bench_on ) {
		flashnode_bench_recorder( $flashnode_bench_on, $flashnode_bench_callbacks );
		$wpdb->queries         = array();
		$flashnode_bench_saves = 0;
		$flashnode_bench_run( $flashnode_bench_what, 1000 + (int) $flashnode_bench_on );
		$flashnode_bench_out['inserts'][ $flashnode_bench_what ][ $flashnode_bench_on ? 'on' : 'off' ] = array(
			'inserts'     => $flashnode_bench_inserts(),
			'change_log'  => $flashnode_bench_inserts( ChangeLogSchema::table() ),
			'queries'     => count( (array) $wpdb->queries ),
			'order_saves' => $flashnode_bench_saves,
		);
		flashnode_bench_recorder( true, $flashnode_bench_callbacks );
	}
}
$wpdb->queries = array();

ChangeRecorder::suppress(
	static function () use ( $flashnode_bench_created ) {
		foreach ( $flashnode_bench_created as $order_id ) {
			$order = wc_get_order( $order_id );
			if ( $order ) {
				$order->delete( true );
			}
		}
	}
);
echo wp_json_encode( $flashnode_bench_out );
