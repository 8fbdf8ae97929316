<?php
/**
 * Where WooCommerce keeps orders, read once for the checks and the health diagnosis.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Shop;

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
		return is_callable( array( OrderUtil::class, 'get_table_for_orders' ) ) ? (string) OrderUtil::get_table_for_orders() : $wpdb->prefix . 'wc_orders';
	}

	/**
	 * Whether WooCommerce keeps the other storage in sync with the authoritative one.
	 */
	public static function sync_enabled(): bool {
		return 'yes' === get_option( self::SYNC_OPTION );
	}

	/**
	 * Orders the posts table lacks while HPOS is authoritative and compatibility mode copies them there: orders
	 * whose post is missing or still a placeholder, or older than the order. 0 when the posts table is
	 * authoritative (it has every order) or sync is off (nothing is being copied).
	 *
	 * WooCommerce counts these in DataSynchronizer::get_current_orders_pending_sync_count(), an Internal class
	 * (checked on WooCommerce 10.5.2); its public API answers only whether the copy is complete
	 * (OrderUtil::is_custom_order_tables_in_sync(), not in every supported version). So the plugin counts them
	 * with one read of its own, on the table OrderUtil names and WordPress's posts table, as WooCommerce's
	 * count does, without the deletion records it also syncs (they hide no order from the Legacy API).
	 */
	public static function pending_sync(): int {
		if ( ! self::sync_enabled() || ! self::hpos_enabled() || ! function_exists( 'wc_get_order_types' ) ) {
			return 0;
		}
		global $wpdb;
		$types = array_values( array_filter( (array) wc_get_order_types( 'cot-migration' ), 'is_string' ) );
		if ( array() === $types ) {
			return 0; // Too early: no order type registered yet.
		}
		$orders       = self::orders_table();
		$placeholders = implode( ', ', array_fill( 0, count( $types ), '%s' ) );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare -- one read; the table name is WooCommerce's.
		$count = $wpdb->get_var(
			$wpdb->prepare(
				"SELECT COUNT(*) FROM {$orders} orders LEFT JOIN {$wpdb->posts} posts ON posts.ID = orders.id
				WHERE orders.type IN ( {$placeholders} ) AND orders.status <> 'auto-draft'
				AND ( posts.ID IS NULL OR posts.post_type <> orders.type OR orders.date_updated_gmt > posts.post_modified_gmt )",
				$types
			)
		);
		// phpcs:enable
		return (int) $count;
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
