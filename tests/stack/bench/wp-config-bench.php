<?php
/**
 * Test-only wp-config.php drop-in for `npm run bench`: copied to .shop/state/wp-config-bench.php for the run
 * and removed after (wp-config.php requires it only while it exists). Never part of the plugin zip.
 *
 * SAVEQUERIES makes every query slower (timer and call stack), so it is switched on only for the requests
 * that carry the bench's query-report header; the timed requests run without it.
 *
 * @package Flashnode\Connector\Tests
 */

if ( isset( $_SERVER['HTTP_X_FLASHNODE_BENCH_QUERIES'] ) && ! defined( 'SAVEQUERIES' ) ) {
	define( 'SAVEQUERIES', true );
}
