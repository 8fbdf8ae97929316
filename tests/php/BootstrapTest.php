<?php
/**
 * The installed plugin's bootstrap: headers, constants, HPOS compatibility.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Automattic\WooCommerce\Internal\Features\FeaturesController;

/**
 * Checks the plugin as WordPress sees it after installing the zip.
 */
final class BootstrapTest extends TestCase {

	private const PLUGIN_FILE = 'flashnode-connector/flashnode-connector.php';

	/**
	 * The zip installed into the shop is active and its bootstrap is the one that ran.
	 */
	public function test_plugin_from_the_zip_is_active(): void {
		$this->assertTrue( is_plugin_active( self::PLUGIN_FILE ) );
		$this->assertSame( WP_PLUGIN_DIR . '/' . self::PLUGIN_FILE, FLASHNODE_CONNECTOR_FILE );
		$this->assertTrue( class_exists( \Flashnode\Connector\Plugin::class ) );
	}

	/**
	 * The headers WordPress and WooCommerce read to decide compatibility and dependencies.
	 */
	public function test_headers_declare_the_supported_range(): void {
		$headers = get_file_data(
			FLASHNODE_CONNECTOR_FILE,
			array(
				'name'         => 'Plugin Name',
				'version'      => 'Version',
				'requires_wp'  => 'Requires at least',
				'requires_php' => 'Requires PHP',
				'requires'     => 'Requires Plugins',
				'wc_requires'  => 'WC requires at least',
				'wc_tested'    => 'WC tested up to',
				'text_domain'  => 'Text Domain',
				'domain_path'  => 'Domain Path',
			)
		);
		$this->assertSame(
			array(
				'name'         => 'Flashnode Connector for WooCommerce',
				'version'      => FLASHNODE_CONNECTOR_VERSION,
				'requires_wp'  => '6.1',
				'requires_php' => '7.4',
				'requires'     => 'woocommerce',
				'wc_requires'  => '7.8',
				'wc_tested'    => '10.5',
				'text_domain'  => 'flashnode-connector',
				'domain_path'  => '/languages',
			),
			$headers
		);
	}

	/**
	 * The version in the header, the constant and readme.txt's stable tag agree.
	 */
	public function test_version_is_the_same_everywhere(): void {
		$readme = (string) file_get_contents( dirname( FLASHNODE_CONNECTOR_FILE ) . '/readme.txt' ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		$this->assertMatchesRegularExpression( '/^Stable tag: ' . preg_quote( FLASHNODE_CONNECTOR_VERSION, '/' ) . '$/m', $readme );
		$this->assertStringContainsString( '= ' . FLASHNODE_CONNECTOR_VERSION . ' =', $readme, 'readme.txt has a changelog entry for this version.' );
	}

	/**
	 * The bootstrap stays small: anything with logic belongs in a class under php/.
	 */
	public function test_bootstrap_is_at_most_100_lines(): void {
		$this->assertLessThanOrEqual( 100, count( (array) file( FLASHNODE_CONNECTOR_FILE ) ) );
	}

	/**
	 * WooCommerce lists the plugin as compatible with custom order tables (HPOS), so it does not warn the owner.
	 */
	public function test_declares_hpos_compatibility(): void {
		$features = wc_get_container()->get( FeaturesController::class );
		$plugins  = $features->get_compatible_plugins_for_feature( 'custom_order_tables' );
		$this->assertContains( self::PLUGIN_FILE, $plugins['compatible'] );
		$this->assertNotContains( self::PLUGIN_FILE, $plugins['incompatible'] );
	}

	/**
	 * Storefront and REST requests get no admin hooks from the plugin.
	 */
	public function test_registers_no_admin_hooks_outside_wp_admin(): void {
		$this->assertFalse( is_admin() );
		$this->assertFalse( has_action( 'woocommerce_settings_flashnode' ) );
		$this->assertArrayNotHasKey( 'flashnode', apply_filters( 'woocommerce_settings_tabs_array', array() ) );
	}
}
