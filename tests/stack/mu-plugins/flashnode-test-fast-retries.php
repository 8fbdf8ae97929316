<?php
/**
 * Plugin Name: Flashnode test fast retries (local shop only)
 * Description: TEST-ONLY. Copied into wp-content/mu-plugins by bin/shop.sh; never part of the plugin zip.
 *
 * Compresses the push deliveries' retry schedule for the fault tests (tests/e2e/push-deliveries.spec.ts,
 * `npm run bench:reliability`): while the option `flashnode_test_fast_retries` holds a list of seconds
 * ("1,2,3"), the filter `flashnode_connector_delivery_retry_delays` answers that list instead of the real
 * schedule (60, 300, 1800, 7200, 21600 s, then every 43200 s). Without the option (the default, and what
 * bin/shop.sh start restores) the filter is left alone and the shop retries on the real schedule. A real shop
 * never has this file; the schedule is not meant to be shortened in production.
 *
 * @package FlashnodeConnector\TestStack
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'flashnode_connector_delivery_retry_delays',
	static function ( $delays ) {
		$fast = (string) get_option( 'flashnode_test_fast_retries', '' );
		if ( '' === $fast ) {
			return $delays;
		}
		$seconds = array_values( array_filter( array_map( 'intval', explode( ',', $fast ) ), static fn( $delay ) => $delay > 0 ) );
		return array() === $seconds ? $delays : $seconds;
	}
);
