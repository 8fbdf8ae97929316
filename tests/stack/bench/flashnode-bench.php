<?php
/**
 * Plugin Name: Flashnode bench stack (local shop only)
 * Description: Test-only. Copied into wp-content/mu-plugins by `npm run bench` and tests/e2e/load.spec.ts for their run and removed after; never part of the plugin zip.
 *
 * - GET /wp-json/flashnode-bench/v1/noop: the cheapest answer WordPress's REST API gives (no authentication, no
 *   database work of its own). The health ping is measured against it.
 * - GET /wp-json/wc-flashnode-bench/v1/noop: the same answer for a request with a WooCommerce API key (the "wc-"
 *   namespace makes WooCommerce authenticate it, as it does the change feed): what authentication alone costs,
 *   the reference for the routes that need a key.
 * - A request with the header "X-Flashnode-Bench-Recorder: on|off" runs with the change log's recorder hooked in or
 *   taken out of WordPress's hook table (both states look the recorder up, so both pay the same): the REST order
 *   save the bench times with the change log on and off.
 * - A request with the header "X-Flashnode-Bench-Queries: <id>" gets a line in .shop/logs/bench-queries.jsonl:
 *   the number of database queries it ran and those that came from, or name, Flashnode Connector (their SQL and
 *   call stack need SAVEQUERIES, which tests/stack/bench/wp-config-bench.php turns on for such requests).
 *
 * @package Flashnode\Connector\Tests
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'rest_api_init',
	static function () {
		// The same answer on both routes; only who may call differs.
		$noop = array(
			'methods'             => WP_REST_Server::READABLE,
			'callback'            => static function () {
				// About the size of the anonymous health answer, so both send the same amount.
				return new WP_REST_Response(
					array(
						'status'   => 'ok',
						'time_utc' => gmdate( 'Y-m-d\TH:i:s\Z' ),
					)
				);
			},
			'permission_callback' => '__return_true',
		);
		register_rest_route( 'flashnode-bench/v1', '/noop', $noop );
		$noop['permission_callback'] = static function () {
			return current_user_can( 'read' );
		};
		register_rest_route( 'wc-flashnode-bench/v1', '/noop', $noop );
	}
);

/**
 * The change log recorder's callbacks as WordPress holds them: hook, callback, priority, accepted arguments. Also
 * used by tests/stack/bench/bench-save.php, which runs while this file is installed.
 *
 * @return array<int,array{0:string,1:callable,2:int,3:int}>
 */
function flashnode_bench_recorder_callbacks(): array {
	global $wp_filter;
	$found = array();
	foreach ( $wp_filter as $hook => $wp_hook ) {
		foreach ( $wp_hook->callbacks as $priority => $callbacks ) {
			foreach ( $callbacks as $callback ) {
				$object = is_array( $callback['function'] ) ? $callback['function'][0] : null;
				if ( $object instanceof Flashnode\Connector\Feed\ChangeRecorder || $object instanceof Flashnode\Connector\Feed\RemovalRecorder ) {
					$found[] = array( (string) $hook, $callback['function'], (int) $priority, (int) $callback['accepted_args'] );
				}
			}
		}
	}
	return $found;
}

$flashnode_bench_recorder = isset( $_SERVER['HTTP_X_FLASHNODE_BENCH_RECORDER'] ) ? (string) $_SERVER['HTTP_X_FLASHNODE_BENCH_RECORDER'] : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- compared with two fixed values.
if ( in_array( $flashnode_bench_recorder, array( 'on', 'off' ), true ) ) {
	add_action(
		'init',
		static function () use ( $flashnode_bench_recorder ) {
			foreach ( flashnode_bench_recorder_callbacks() as list( $hook, $function, $priority ) ) {
				if ( 'off' === $flashnode_bench_recorder ) {
					remove_action( $hook, $function, $priority );
				}
			}
		},
		PHP_INT_MAX
	);
}

$flashnode_bench_id = isset( $_SERVER['HTTP_X_FLASHNODE_BENCH_QUERIES'] ) ? (string) $_SERVER['HTTP_X_FLASHNODE_BENCH_QUERIES'] : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- matched against a strict pattern below.
if ( 1 === preg_match( '/^[A-Za-z0-9-]{1,64}$/', $flashnode_bench_id ) ) {
	// A PHP shutdown function registered now runs after WordPress's own "shutdown" action (registered earlier in
	// wp-settings.php), so queries made there (sessions, transients) are counted too.
	register_shutdown_function(
		static function () use ( $flashnode_bench_id ) {
			global $wpdb;
			$ours = array();
			foreach ( is_array( $wpdb->queries ) ? $wpdb->queries : array() as $query ) {
				list( $sql, $seconds, $caller ) = $query;
				// The plugin's namespace in the call stack, or its option/route/folder names in the SQL. Not just
				// "flashnode": the test theme and the test-stack mu-plugins carry that word too.
				if ( 1 === preg_match( '/flashnode[_-]connector|Flashnode\\\\Connector\\\\/i', $sql . ' ' . $caller ) ) {
					$ours[] = array(
						'sql'    => $sql,
						'ms'     => round( $seconds * 1000, 3 ),
						'caller' => $caller,
					);
				}
			}
			$line = wp_json_encode(
				array(
					'id'           => $flashnode_bench_id,
					'uri'          => isset( $_SERVER['REQUEST_URI'] ) ? (string) $_SERVER['REQUEST_URI'] : '', // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- written to a test log as JSON.
					'queries'      => (int) $wpdb->num_queries,
					'savequeries'  => defined( 'SAVEQUERIES' ) && SAVEQUERIES,
					'flashnode'    => $ours,
					'plugin_files' => count( preg_grep( '#/plugins/flashnode-connector/#', get_included_files() ) ),
				)
			);
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- appends one line to a test log.
			error_log( $line . "\n", 3, dirname( untrailingslashit( ABSPATH ) ) . '/logs/bench-queries.jsonl' );
		}
	);
}
