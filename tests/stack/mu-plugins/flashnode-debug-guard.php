<?php
/**
 * Plugin Name: Flashnode test stack – debug guard
 * Description: Test-only. Logs WordPress developer notices (_doing_it_wrong, _deprecated_*) whose call stack
 * passes through Flashnode Connector, so the browser tests can fail on them. Never shipped in the plugin zip.
 *
 * @package Flashnode\Connector\Tests
 */

foreach ( array( 'doing_it_wrong_run', 'deprecated_function_run', 'deprecated_argument_run', 'deprecated_hook_run', 'deprecated_file_included' ) as $flashnode_guard_hook ) {
	add_action(
		$flashnode_guard_hook,
		static function ( $what ) use ( $flashnode_guard_hook ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace
			foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
				if ( isset( $frame['file'] ) && false !== strpos( $frame['file'], '/plugins/flashnode-connector/' ) ) {
					// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
					error_log( sprintf( 'Flashnode debug guard: %s(%s) from %s:%d', $flashnode_guard_hook, is_string( $what ) ? $what : '', $frame['file'], $frame['line'] ?? 0 ) );
					return;
				}
			}
		}
	);
}
