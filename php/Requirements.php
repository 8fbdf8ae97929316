<?php
/**
 * What the plugin needs before it loads anything.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector;

defined( 'ABSPATH' ) || exit;

/**
 * Checks for an active, recent enough WooCommerce and explains a miss to the shop owner.
 */
final class Requirements {

	/**
	 * Whether WooCommerce is active and at least the minimum supported version.
	 */
	public static function are_met(): bool {
		return null === self::problem();
	}

	/**
	 * Prints the admin notice that says why the plugin is idle. Hooked to admin_notices only when requirements fail.
	 */
	public static function print_notice(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		$problem = self::problem();
		if ( null === $problem ) {
			return;
		}
		if ( 'missing' === $problem ) {
			$message = __( 'Flashnode Connector needs WooCommerce. Install and activate WooCommerce, then open WooCommerce > Settings > Flashnode.', 'flashnode-connector' );
		} else {
			$message = sprintf(
				/* translators: 1: minimum WooCommerce version, 2: installed WooCommerce version. */
				__( 'Flashnode Connector needs WooCommerce %1$s or newer; this shop runs WooCommerce %2$s. Update WooCommerce to use it.', 'flashnode-connector' ),
				FLASHNODE_CONNECTOR_MIN_WC_VERSION,
				self::woocommerce_version()
			);
		}
		printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html( $message ) );
	}

	/**
	 * The unmet requirement: 'missing', 'outdated' or null when all is well.
	 */
	private static function problem(): ?string {
		if ( ! class_exists( 'WooCommerce' ) ) {
			return 'missing';
		}
		if ( version_compare( self::woocommerce_version(), FLASHNODE_CONNECTOR_MIN_WC_VERSION, '<' ) ) {
			return 'outdated';
		}
		return null;
	}

	/**
	 * The running WooCommerce version, or '0' when it cannot be told.
	 */
	private static function woocommerce_version(): string {
		return defined( 'WC_VERSION' ) ? (string) constant( 'WC_VERSION' ) : '0';
	}
}
