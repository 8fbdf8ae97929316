<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): the change log's rows as the shop recorded them, read
 * from the table itself (not through the feed), as the ground truth of the reliability run.
 *
 *   changes.php head            prints the newest cursor
 *   changes.php after <cursor>  prints [[cursor, order_id, event, status, modified_gmt "Y-m-d\TH:i:s\Z" | null], …]
 *
 * @package Flashnode\Connector\Tests
 */

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;

global $wpdb;
$table = ChangeLogSchema::table();
if ( 'head' === ( $args[0] ?? '' ) ) {
	echo (int) ChangeLog::head();
} elseif ( 'after' === ( $args[0] ?? '' ) && isset( $args[1] ) ) {
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test support, table name only.
	$rows = $wpdb->get_results( $wpdb->prepare( "SELECT change_id, order_id, event, status, modified_gmt FROM {$table} WHERE change_id > %d ORDER BY change_id", (int) $args[1] ), ARRAY_N );
	$out  = array();
	foreach ( $rows as $row ) {
		$out[] = array( (int) $row[0], (int) $row[1], $row[2], $row[3], null === $row[4] ? null : str_replace( ' ', 'T', $row[4] ) . 'Z' );
	}
	echo wp_json_encode( $out );
} else {
	fwrite( STDERR, "usage: changes.php head | after <cursor>\n" );
	exit( 2 );
}
