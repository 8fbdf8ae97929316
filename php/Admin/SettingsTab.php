<?php
/**
 * The WooCommerce > Settings > Flashnode tab.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the tab and prints the element the React app mounts into.
 */
final class SettingsTab {

	/** Id of the element the admin app renders into. */
	public const ROOT_ELEMENT_ID = 'flashnode-connector-root';

	/** Screen id WordPress gives WooCommerce's settings page. */
	private const SCREEN_ID = 'woocommerce_page_wc-settings';

	/**
	 * Registers the tab with WooCommerce.
	 */
	public function register(): void {
		add_filter( 'woocommerce_settings_tabs_array', array( $this, 'add_tab' ), 50 );
		add_action( 'woocommerce_settings_' . Settings::PAGE_TAB, array( $this, 'render' ) );
	}

	/**
	 * Adds "Flashnode" after WooCommerce's own tabs.
	 *
	 * @param array<string,string> $tabs Tab slug => label.
	 * @return array<string,string>
	 */
	public function add_tab( $tabs ): array {
		$tabs                       = is_array( $tabs ) ? $tabs : array();
		$tabs[ Settings::PAGE_TAB ] = __( 'Flashnode', 'flashnode-connector' );
		return $tabs;
	}

	/**
	 * Prints the mount point. The page saves through its own REST calls, so WooCommerce's form Save button is hidden.
	 */
	public function render(): void {
		// WooCommerce's settings screen reads this global to decide whether to print its Save button.
		$GLOBALS['hide_save_button'] = true; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited, WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedVariableFound
		printf(
			'<div id="%1$s" class="flashnode-connector"><p class="flashnode-connector__loading">%2$s</p><noscript>%3$s</noscript></div>',
			esc_attr( self::ROOT_ELEMENT_ID ),
			esc_html__( 'Loading Flashnode Connector…', 'flashnode-connector' ),
			esc_html__( 'This page needs JavaScript.', 'flashnode-connector' )
		);
	}

	/**
	 * Whether the current admin request shows this tab, so assets load nowhere else.
	 *
	 * @param string $hook_suffix The admin page hook WordPress passes to admin_enqueue_scripts.
	 */
	public static function is_open( string $hook_suffix ): bool {
		// Only decides which assets to load; nothing is changed, so no nonce is involved.
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$tab = isset( $_GET['tab'] ) ? sanitize_key( wp_unslash( $_GET['tab'] ) ) : '';
		return self::SCREEN_ID === $hook_suffix && Settings::PAGE_TAB === $tab;
	}
}
