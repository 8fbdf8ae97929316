<?php
/**
 * The WooCommerce Legacy REST API (/wc-api/v3), read once for the checks, the fix and the health diagnosis.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Shop;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce < 9.0 has the Legacy REST API built in behind an option; from 9.0 it is the separate
 * "WooCommerce Legacy REST API" plugin, which brings the same option back. Its order endpoints query the posts
 * table with WP_Query (verified on 1.0.1 with real calls: an HPOS shop without compatibility mode answers
 * `{"orders":[]}` and `{"count":0}`), so whether it sees orders depends on OrderStorage too.
 */
final class LegacyApi {

	/** The option behind WooCommerce > Settings > Advanced > Legacy API. */
	public const OPTION = 'woocommerce_api_enabled';

	/** The separate plugin's main file (WooCommerce 9.0 and newer). */
	public const PLUGIN_FILE = 'woocommerce-legacy-rest-api/woocommerce-legacy-rest-api.php';

	/**
	 * Whether WooCommerce has the Legacy API built in (before 9.0).
	 */
	public static function is_built_in(): bool {
		return version_compare( (string) constant( 'WC_VERSION' ), '9.0', '<' );
	}

	/**
	 * Whether the Legacy API's code is present: built into WooCommerce < 9.0, or the separate plugin is active.
	 */
	public static function is_available(): bool {
		return self::is_built_in() || class_exists( 'WC_Legacy_REST_API_Plugin', false );
	}

	/**
	 * Whether the separate plugin is installed (active or not).
	 */
	public static function plugin_installed(): bool {
		return file_exists( trailingslashit( WP_PLUGIN_DIR ) . self::PLUGIN_FILE );
	}

	/**
	 * Whether the API answers: its code is present and the owner switched it on. The option alone says nothing
	 * where the code is missing (it survives the plugin's deactivation).
	 */
	public static function is_enabled(): bool {
		return self::is_available() && 'yes' === get_option( self::OPTION );
	}

	/**
	 * Whether an enabled Legacy API lists this shop's orders (see OrderStorage::posts_table_has_orders()).
	 *
	 * @param int|null $pending OrderStorage::pending_sync(), when the caller has it already.
	 */
	public static function sees_orders( ?int $pending = null ): bool {
		return self::is_enabled() && OrderStorage::posts_table_has_orders( $pending );
	}

	/**
	 * The facts as the check's details and the health diagnosis report them.
	 *
	 * @return array{available:bool,enabled:bool,sees_orders:bool,pending_sync:int}
	 */
	public static function facts(): array {
		$pending = OrderStorage::pending_sync();
		return array(
			'available'    => self::is_available(),
			'enabled'      => self::is_enabled(),
			'sees_orders'  => self::sees_orders( $pending ),
			'pending_sync' => $pending,
		);
	}
}
