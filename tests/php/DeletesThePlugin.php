<?php
/**
 * Deleting the installed plugin for real, as wp-admin does, and putting it back afterwards.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

/**
 * For the uninstall tests: deactivates the plugin, then uninstalls and deletes it with WP-CLI in another process
 * (`wp plugin uninstall`: WordPress's uninstall_plugin() and the files removed), which runs uninstall.php without the
 * plugin loaded; a copy of the folder is kept so that restore_plugin() can put it back and reactivate it, leaving the
 * shop usable.
 */
trait DeletesThePlugin {

	use RunsWpCli;

	/**
	 * Copy of the installed plugin folder while it is deleted.
	 *
	 * @var string
	 */
	private $plugin_backup = '';

	/**
	 * Deletes the installed plugin as wp-admin does (its uninstall.php runs), in another process.
	 */
	private function delete_plugin(): void {
		$this->plugin_backup = get_temp_dir() . 'flashnode-php-test-' . wp_generate_password( 8, false );
		self::shell( 'mkdir -p ' . escapeshellarg( $this->plugin_backup ) . ' && cp -a ' . escapeshellarg( WP_PLUGIN_DIR . '/flashnode-connector' ) . ' ' . escapeshellarg( $this->plugin_backup . '/' ) );
		$this->assertFileExists( $this->plugin_backup . '/flashnode-connector/uninstall.php' );

		// As in wp-admin: deactivated first, then deleted in another request, which does not load the plugin.
		$this->wp_ok( 'plugin', 'deactivate', self::plugin_file() );
		$this->assertStringContainsString( "Uninstalled and deleted '" . self::plugin_file() . "' plugin.", $this->wp_ok( 'plugin', 'uninstall', self::plugin_file() ) );
		$this->assertDirectoryDoesNotExist( WP_PLUGIN_DIR . '/flashnode-connector' );
		// The other process changed the database behind this one's object cache.
		wp_cache_flush();
	}

	/**
	 * Puts the deleted plugin back and reactivates it (call from tearDown()); nothing when it was not deleted.
	 */
	private function restore_plugin(): void {
		if ( '' === $this->plugin_backup ) {
			return;
		}
		if ( ! is_dir( WP_PLUGIN_DIR . '/flashnode-connector' ) ) {
			self::shell( 'cp -a ' . escapeshellarg( $this->plugin_backup . '/flashnode-connector' ) . ' ' . escapeshellarg( WP_PLUGIN_DIR . '/' ) );
		}
		$this->wp_ok( 'plugin', 'activate', self::plugin_file() );
		self::shell( 'rm -rf ' . escapeshellarg( $this->plugin_backup ) );
		$this->plugin_backup = '';
		wp_cache_flush();
	}

	/**
	 * The plugin's main file, relative to the plugins folder.
	 */
	private static function plugin_file(): string {
		return 'flashnode-connector/flashnode-connector.php';
	}

	/**
	 * Runs a WP-CLI command that must succeed; returns what it printed.
	 *
	 * @param string ...$args Command and arguments.
	 */
	private function wp_ok( string ...$args ): string {
		list( $code, $out, $err ) = $this->wp( ...$args );
		$this->assertSame( 0, $code, 'wp ' . implode( ' ', $args ) . "\n" . $out . $err );
		return $out;
	}

	/**
	 * Runs a shell command; fails the test when it fails.
	 *
	 * @param string $command Command line.
	 */
	private static function shell( string $command ): string {
		exec( $command . ' 2>&1', $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec
		self::assertSame( 0, $status, $command . "\n" . implode( "\n", $output ) );
		return implode( "\n", $output );
	}
}
