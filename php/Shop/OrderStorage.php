<?php
/**
 * Where WooCommerce keeps orders, read once for the checks and the health diagnosis.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Shop;

use Automattic\WooCommerce\Internal\DataStores\Orders\DataSynchronizer;
use Automattic\WooCommerce\Utilities\OrderUtil;

defined( 'ABSPATH' ) || exit;

/**
 * High-Performance Order Storage (custom order tables) and its compatibility mode, which copies every order to
 * the posts table as well. Code that reads orders straight from the posts table (the Legacy REST API, old
 * reports) sees them only where the posts table is authoritative or that copy is complete.
 */
final class OrderStorage {

	/** WooCommerce > Settings > Advanced > Features > "Enable compatibility mode". */
	public const SYNC_OPTION = 'woocommerce_custom_orders_table_data_sync_enabled';

	/** Whether the custom order tables are authoritative. */
	public const HPOS_OPTION = 'woocommerce_custom_orders_table_enabled';

	/**
	 * Whether orders live in WooCommerce's custom order tables.
	 */
	public static function hpos_enabled(): bool {
		return class_exists( OrderUtil::class ) && OrderUtil::custom_orders_table_usage_is_enabled();
	}

	/**
	 * WooCommerce's custom orders table (HPOS), for the change log's reads of an order's saved status and time.
	 * OrderUtil::get_table_for_orders() is public from WooCommerce 8.x; 7.8 names the table the same way.
	 */
	public static function orders_table(): string {
		global $wpdb;
		return method_exists( OrderUtil::class, 'get_table_for_orders' ) ? (string) OrderUtil::get_table_for_orders() : $wpdb->prefix . 'wc_orders';
	}

	/**
	 * Whether WooCommerce keeps the other storage in sync with the authoritative one.
	 */
	public static function sync_enabled(): bool {
		return 'yes' === get_option( self::SYNC_OPTION );
	}

	/**
	 * Orders not yet copied to the other storage (or copied but changed since), as WooCommerce itself counts them
	 * for its Features screen; 0 when sync is off or the count is not available on this WooCommerce.
	 */
	public static function pending_sync(): int {
		if ( ! self::sync_enabled() || ! class_exists( DataSynchronizer::class ) || ! function_exists( 'wc_get_container' ) ) {
			return 0;
		}
		$synchronizer = wc_get_container()->get( DataSynchronizer::class );
		return method_exists( $synchronizer, 'get_current_orders_pending_sync_count' ) ? (int) $synchronizer->get_current_orders_pending_sync_count() : 0;
	}

	/**
	 * Whether code that queries the posts table for orders (post type shop_order) sees every order: the posts table
	 * is authoritative, or compatibility mode has copied every order there. With HPOS alone the posts table holds
	 * only placeholders (post type shop_order_placehold), so such code finds none.
	 *
	 * @param int|null $pending pending_sync(), when the caller has it already (it costs a query).
	 */
	public static function posts_table_has_orders( ?int $pending = null ): bool {
		return ! self::hpos_enabled() || ( self::sync_enabled() && 0 === ( $pending ?? self::pending_sync() ) );
	}
}
