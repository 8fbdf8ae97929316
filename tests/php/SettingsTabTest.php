<?php
/**
 * The WooCommerce > Settings > Flashnode tab.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\SettingsTab;
use Flashnode\Connector\Settings;

/**
 * Tab registration, mount point and where it counts as open.
 */
final class SettingsTabTest extends TestCase {

	/**
	 * Restores what the tests change.
	 */
	protected function tearDown(): void {
		unset( $_GET['tab'], $GLOBALS['hide_save_button'] );
		remove_all_filters( 'woocommerce_settings_tabs_array', 50 );
		remove_all_actions( 'woocommerce_settings_' . Settings::PAGE_TAB );
		parent::tearDown();
	}

	/**
	 * The tab appears after WooCommerce's own tabs, which keep their order.
	 */
	public function test_adds_flashnode_after_woocommerce_tabs(): void {
		( new SettingsTab() )->register();
		$tabs = apply_filters(
			'woocommerce_settings_tabs_array',
			array(
				'general'  => 'General',
				'advanced' => 'Advanced',
			)
		);
		$this->assertSame( array( 'general', 'advanced', 'flashnode' ), array_keys( $tabs ) );
		$this->assertSame( 'Flashnode', $tabs['flashnode'] );
	}

	/**
	 * Another plugin returning garbage from the filter does not break the settings screen.
	 */
	public function test_survives_a_non_array_from_another_filter(): void {
		$this->assertSame( array( 'flashnode' => 'Flashnode' ), ( new SettingsTab() )->add_tab( null ) );
	}

	/**
	 * The tab prints the React mount point and hides WooCommerce's Save button.
	 */
	public function test_render_prints_mount_point_and_hides_save_button(): void {
		( new SettingsTab() )->register();
		$html = $this->output_of(
			static function () {
				do_action( 'woocommerce_settings_' . Settings::PAGE_TAB );
			}
		);
		$this->assertStringContainsString( '<div id="flashnode-connector-root" class="flashnode-connector">', $html );
		$this->assertStringContainsString( '<noscript>', $html );
		$this->assertTrue( $GLOBALS['hide_save_button'] );
	}

	/**
	 * Open only on WooCommerce's settings screen with tab=flashnode.
	 *
	 * @dataProvider screens
	 *
	 * @param string      $hook_suffix Admin page hook.
	 * @param string|null $tab         The tab query argument, or null when absent.
	 * @param bool        $open        Expected answer.
	 */
	public function test_is_open_only_on_its_tab( string $hook_suffix, ?string $tab, bool $open ): void {
		if ( null !== $tab ) {
			$_GET['tab'] = $tab;
		}
		$this->assertSame( $open, SettingsTab::is_open( $hook_suffix ) );
	}

	/**
	 * Screens and tabs.
	 *
	 * @return array<string,array{0:string,1:?string,2:bool}>
	 */
	public function screens(): array {
		return array(
			'our tab'                     => array( 'woocommerce_page_wc-settings', 'flashnode', true ),
			'our tab, odd case'           => array( 'woocommerce_page_wc-settings', 'FlashNode', true ),
			'another settings tab'        => array( 'woocommerce_page_wc-settings', 'general', false ),
			'settings without tab'        => array( 'woocommerce_page_wc-settings', null, false ),
			'dashboard with our tab name' => array( 'index.php', 'flashnode', false ),
			'injected tab value'          => array( 'woocommerce_page_wc-settings', 'flashnode"><script>', false ),
		);
	}
}
