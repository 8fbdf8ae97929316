<?php
/**
 * Plugin Name: Flashnode test footprint (local shop only)
 * Description: Test-only. For a request that carries the header X-Flashnode-Test-Footprint: <token>, records what the plugin costs that request: the write queries made from the plugin's code, and which of its class files PHP loaded. Copied into wp-content/mu-plugins by bin/shop.sh; never part of the plugin zip.
 *
 * Used by tests/e2e/footprint.spec.ts:
 * - anonymous health calls write nothing to the database (the plugin's code issues no INSERT/UPDATE/DELETE);
 * - a storefront page on which something writes a transient (X-Flashnode-Test-Transient: 1) loads no readiness
 *   class: the readiness cache listens to its own options only, by name.
 * The record goes to wp-content/flashnode-footprint-<token>.json when the request ends.
 *
 * @package FlashnodeConnector\TestStack
 */

defined( 'ABSPATH' ) || exit;

// phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- compared against a strict pattern before any use.
$flashnode_test_footprint_token = isset( $_SERVER['HTTP_X_FLASHNODE_TEST_FOOTPRINT'] ) ? (string) $_SERVER['HTTP_X_FLASHNODE_TEST_FOOTPRINT'] : '';
if ( 1 !== preg_match( '/^[a-z0-9]{8,40}$/', $flashnode_test_footprint_token ) ) {
	return;
}

$GLOBALS['flashnode_test_footprint'] = array(
	'token'  => $flashnode_test_footprint_token,
	'writes' => array(),
);

// Every write query whose call stack passes through the plugin's folder. Writes by WordPress or WooCommerce
// themselves (cron spawning, sessions) are not the plugin's and are left out, so the test is not flaky.
add_filter(
	'query',
	static function ( $query ) {
		if ( is_string( $query ) && preg_match( '/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i', $query ) ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- test-only.
			foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
				if ( isset( $frame['file'] ) && false !== strpos( $frame['file'], '/plugins/flashnode-connector/' ) ) {
					// Both ends: an UPDATE's value comes first, the row it writes (WHERE) last.
					$GLOBALS['flashnode_test_footprint']['writes'][] = strlen( $query ) > 300 ? substr( $query, 0, 150 ) . ' … ' . substr( $query, -150 ) : $query;
					break;
				}
			}
		}
		return $query;
	}
);

// A storefront page on which some code (here: this test) writes a transient, i.e. an option write of a name the
// readiness checks do not read.
add_action(
	'template_redirect',
	static function () {
		if ( isset( $_SERVER['HTTP_X_FLASHNODE_TEST_TRANSIENT'] ) ) {
			set_transient( 'flashnode_test_footprint', uniqid( '', true ), MINUTE_IN_SECONDS ); // A new value: a real write.
			$GLOBALS['flashnode_test_footprint']['transient_written'] = true;
		}
	}
);

add_action(
	'shutdown',
	static function () {
		$record                     = $GLOBALS['flashnode_test_footprint'];
		$plugin_files               = array_values( preg_grep( '#/plugins/flashnode-connector/#', get_included_files() ) );
		$record['plugin_files']     = array_map(
			static function ( string $file ): string {
				return substr( $file, (int) strpos( $file, '/plugins/flashnode-connector/' ) + strlen( '/plugins/flashnode-connector/' ) );
			},
			$plugin_files
		);
		$record['readiness_loaded'] = array_values(
			array_filter(
				$record['plugin_files'],
				static function ( string $file ): bool {
					return 0 === strpos( $file, 'php/Readiness/' );
				}
			)
		);
		$record['rest']             = defined( 'REST_REQUEST' ) && REST_REQUEST;
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- test-only record.
		file_put_contents( WP_CONTENT_DIR . '/flashnode-footprint-' . $record['token'] . '.json', (string) wp_json_encode( $record ) );
	},
	PHP_INT_MAX
);
