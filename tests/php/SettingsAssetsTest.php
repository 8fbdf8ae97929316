<?php
/**
 * Assets of the settings page: built files, dependencies, translations, boot data.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\SettingsAssets;

/**
 * Enqueues happen on the Flashnode tab only.
 */
final class SettingsAssetsTest extends TestCase {

	/**
	 * A fresh script/style registry for each test, as each admin request has.
	 */
	protected function setUp(): void {
		parent::setUp();
		$GLOBALS['wp_scripts'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		$GLOBALS['wp_styles']  = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
	}

	/**
	 * Restores the request.
	 */
	protected function tearDown(): void {
		unset( $_GET['tab'] );
		$GLOBALS['wp_scripts'] = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		$GLOBALS['wp_styles']  = null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
		parent::tearDown();
	}

	/**
	 * On the tab: script with the dependencies from build/index.asset.php, translations, style and boot data.
	 */
	public function test_enqueues_the_built_app_on_the_flashnode_tab(): void {
		$_GET['tab'] = 'flashnode';
		( new SettingsAssets() )->enqueue( 'woocommerce_page_wc-settings' );

		$this->assertTrue( wp_script_is( SettingsAssets::HANDLE, 'enqueued' ) );
		$script = wp_scripts()->registered[ SettingsAssets::HANDLE ];
		$asset  = require WP_PLUGIN_DIR . '/flashnode-connector/build/index.asset.php';
		$this->assertSame( $asset['dependencies'], $script->deps );
		$this->assertContains( 'wp-element', $script->deps );
		$this->assertNotContains( 'react-jsx-runtime', $script->deps, 'That handle exists only in WordPress >= 6.6.' );
		$this->assertSame( plugins_url( 'build/index.js', FLASHNODE_CONNECTOR_FILE ), $script->src );
		$this->assertSame( 'flashnode-connector', $script->textdomain );

		$boot = implode( "\n", (array) wp_scripts()->get_data( SettingsAssets::HANDLE, 'before' ) );
		$this->assertStringContainsString( 'window.flashnodeConnectorBoot = {"pluginVersion":"' . FLASHNODE_CONNECTOR_VERSION . '","wcVersion":"' . WC_VERSION . '"};', $boot );

		$this->assertTrue( wp_style_is( SettingsAssets::HANDLE, 'enqueued' ) );
		$this->assertSame( 'replace', wp_styles()->get_data( SettingsAssets::HANDLE, 'rtl' ) );
	}

	/**
	 * Nothing on other admin pages.
	 */
	public function test_enqueues_nothing_elsewhere(): void {
		$_GET['tab'] = 'general';
		( new SettingsAssets() )->enqueue( 'woocommerce_page_wc-settings' );
		unset( $_GET['tab'] );
		( new SettingsAssets() )->enqueue( 'plugins.php' );

		$this->assertFalse( wp_script_is( SettingsAssets::HANDLE, 'registered' ) );
		$this->assertFalse( wp_style_is( SettingsAssets::HANDLE, 'registered' ) );
	}
}
