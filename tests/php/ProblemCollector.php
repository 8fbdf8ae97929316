<?php
/**
 * Records every PHP notice, warning and deprecation raised by the plugin's own files, and every
 * _doing_it_wrong()/_deprecated_*() WordPress reports with the plugin on the call stack.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

/**
 * Shared by the whole PHPUnit run; TestCase fails a test that leaves anything here.
 */
final class ProblemCollector {

	/**
	 * Absolute path of the installed plugin folder, with a trailing slash.
	 *
	 * @var string
	 */
	private static $plugin_dir = '';

	/**
	 * Problems seen and not yet claimed by a test.
	 *
	 * @var string[]
	 */
	private static $problems = array();

	/**
	 * Installs the error handler. WordPress hooks are added once WordPress has loaded its plugin API.
	 *
	 * @param string $plugin_dir Installed plugin folder.
	 */
	public static function start( string $plugin_dir ): void {
		self::$plugin_dir = $plugin_dir;
		set_error_handler( array( self::class, 'on_php_error' ) ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler
		$GLOBALS['wp_filter']['doing_it_wrong_run'][10][]      = array(
			'function'      => array( self::class, 'on_wordpress_notice' ),
			'accepted_args' => 1,
		);
		$GLOBALS['wp_filter']['deprecated_function_run'][10][] = array(
			'function'      => array( self::class, 'on_wordpress_notice' ),
			'accepted_args' => 1,
		);
		$GLOBALS['wp_filter']['deprecated_argument_run'][10][] = array(
			'function'      => array( self::class, 'on_wordpress_notice' ),
			'accepted_args' => 1,
		);
		$GLOBALS['wp_filter']['deprecated_hook_run'][10][]     = array(
			'function'      => array( self::class, 'on_wordpress_notice' ),
			'accepted_args' => 1,
		);
	}

	/**
	 * Records PHP errors from the plugin's files; PHP's own handling goes on for everything.
	 *
	 * @param int    $level   Error level.
	 * @param string $message Message.
	 * @param string $file    File that raised it.
	 * @param int    $line    Line.
	 */
	public static function on_php_error( int $level, string $message, string $file = '', int $line = 0 ): bool {
		if ( self::is_ours( $file ) ) {
			self::$problems[] = sprintf( 'PHP error %d: %s in %s:%d', $level, $message, $file, $line );
		}
		return false;
	}

	/**
	 * Records a WordPress developer notice when the plugin is on the call stack.
	 *
	 * @param string $what The function, argument or hook WordPress complains about.
	 */
	public static function on_wordpress_notice( $what ): void {
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
			if ( isset( $frame['file'] ) && self::is_ours( $frame['file'] ) ) {
				self::$problems[] = sprintf( 'WordPress notice about %s, called from %s:%d', (string) $what, $frame['file'], $frame['line'] ?? 0 );
				return;
			}
		}
	}

	/**
	 * Returns and forgets what was recorded.
	 *
	 * @return string[]
	 */
	public static function take(): array {
		$problems       = self::$problems;
		self::$problems = array();
		return $problems;
	}

	/**
	 * Whether a file belongs to the installed plugin.
	 *
	 * @param string $file Absolute path.
	 */
	private static function is_ours( string $file ): bool {
		return '' !== self::$plugin_dir && 0 === strpos( $file, self::$plugin_dir );
	}
}
