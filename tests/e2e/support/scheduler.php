<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): overdue actions in WooCommerce's webhook queue.
 *
 *   scheduler.php overdue <count>   schedules actions an hour in the past (a do-nothing hook)
 *   scheduler.php clear             removes them
 *
 * @package Flashnode\Connector\Tests
 */

if ( 'overdue' === ( $args[0] ?? '' ) ) {
	for ( $i = 0; $i < (int) ( $args[1] ?? 1 ); $i++ ) {
		as_schedule_single_action( time() - HOUR_IN_SECONDS, 'flashnode_e2e_noop', array( $i ), 'woocommerce-webhooks' );
	}
} elseif ( 'clear' === ( $args[0] ?? '' ) ) {
	as_unschedule_all_actions( 'flashnode_e2e_noop' );
} else {
	fwrite( STDERR, "usage: scheduler.php overdue <count> | clear\n" );
	exit( 2 );
}
