<?php
/**
 * Script, style, translations and boot data of the settings page.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues the built admin app on the Flashnode tab and nowhere else.
 */
final class SettingsAssets {

	/** Script and style handle. */
	public const HANDLE = 'flashnode-connector-admin';

	/** Global the app reads its boot data from (see src/boot-data.ts). */
	private const BOOT_GLOBAL = 'flashnodeConnectorBoot';

	/**
	 * Registers the enqueue hook.
	 */
	public function register(): void {
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	/**
	 * Enqueues the app when the Flashnode tab is open.
	 *
	 * @param string $hook_suffix The admin page hook.
	 */
	public function enqueue( $hook_suffix ): void {
		if ( ! SettingsTab::is_open( (string) $hook_suffix ) ) {
			return;
		}
		$asset_file = self::path( 'build/index.asset.php' );
		if ( ! is_readable( $asset_file ) ) {
			// Only a source checkout without `npm run build` gets here; a released zip always has build/.
			return;
		}
		$asset = require $asset_file;

		wp_enqueue_script( self::HANDLE, self::url( 'build/index.js' ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::HANDLE, 'flashnode-connector', self::path( 'languages' ) );
		wp_add_inline_script(
			self::HANDLE,
			sprintf( 'window.%s = %s;', self::BOOT_GLOBAL, wp_json_encode( $this->boot_data() ) ),
			'before'
		);
		if ( is_readable( self::path( 'build/index.css' ) ) ) {
			wp_enqueue_style( self::HANDLE, self::url( 'build/index.css' ), array( 'wp-components' ), $asset['version'] );
			// The build also writes index-rtl.css; WordPress swaps it in for right-to-left languages.
			wp_style_add_data( self::HANDLE, 'rtl', 'replace' );
		}
	}

	/**
	 * What the app needs before its first REST call. Shown to shop managers only; holds no secrets.
	 *
	 * @return array<string,string>
	 */
	private function boot_data(): array {
		return array(
			'pluginVersion' => FLASHNODE_CONNECTOR_VERSION,
			'wcVersion'     => defined( 'WC_VERSION' ) ? (string) constant( 'WC_VERSION' ) : '',
		);
	}

	/**
	 * Absolute path of a file shipped with the plugin, e.g. 'build/index.asset.php'.
	 *
	 * @param string $relative Path relative to the plugin folder.
	 */
	private static function path( string $relative ): string {
		return plugin_dir_path( FLASHNODE_CONNECTOR_FILE ) . $relative;
	}

	/**
	 * Public URL of a file shipped with the plugin.
	 *
	 * @param string $relative Path relative to the plugin folder.
	 */
	private static function url( string $relative ): string {
		return plugins_url( $relative, FLASHNODE_CONNECTOR_FILE );
	}
}
