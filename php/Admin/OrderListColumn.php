<?php
/**
 * The "Transfer" column and the "Not transferred" filter in WooCommerce > Orders.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Feed\Acknowledgements;
use Flashnode\Connector\Feed\Consumers;

defined( 'ABSPATH' ) || exit;

/**
 * Both order list tables: HPOS (WooCommerce's own list table, its hooks) and posts storage (WordPress's posts
 * list, the shop_order post type's hooks). Each consumer that acknowledged an order gets a badge; orders
 * nobody acknowledged say so. The filter narrows the list to orders no consumer (or one chosen consumer)
 * acknowledged, through a meta query WooCommerce runs on either storage.
 */
final class OrderListColumn {

	public const COLUMN = 'flashnode_transfer';

	/** Query parameter of the filter: 'none' (no consumer) or 'none-<key id>'. */
	public const PARAM = 'flashnode_transfer';

	/**
	 * Hooks into both list tables. Admin requests only.
	 */
	public function register(): void {
		add_filter( 'manage_woocommerce_page_wc-orders_columns', array( $this, 'columns' ), 20 );
		add_action( 'manage_woocommerce_page_wc-orders_custom_column', array( $this, 'render' ), 10, 2 );
		add_filter( 'manage_edit-shop_order_columns', array( $this, 'columns' ), 20 );
		add_action( 'manage_shop_order_posts_custom_column', array( $this, 'render' ), 10, 2 );
		add_action( 'woocommerce_order_list_table_restrict_manage_orders', array( $this, 'filter_dropdown' ), 20, 1 );
		add_action( 'restrict_manage_posts', array( $this, 'filter_dropdown' ), 20, 1 );
		add_filter( 'woocommerce_order_list_table_prepare_items_query_args', array( $this, 'filter_hpos_query' ) );
		add_filter( 'woocommerce_shop_order_list_table_request', array( $this, 'count_hpos_query' ) );
		add_action( 'pre_get_posts', array( $this, 'filter_posts_query' ) );
	}

	/**
	 * Adds the column before the order total (or at the end).
	 *
	 * @param mixed $columns Columns.
	 * @return mixed
	 */
	public function columns( $columns ) {
		if ( ! is_array( $columns ) ) {
			return $columns;
		}
		$out = array();
		foreach ( $columns as $id => $label ) {
			if ( 'order_total' === $id ) {
				$out[ self::COLUMN ] = __( 'Transfer', 'flashnode-connector' );
			}
			$out[ $id ] = $label;
		}
		$out[ self::COLUMN ] = $out[ self::COLUMN ] ?? __( 'Transfer', 'flashnode-connector' );
		return $out;
	}

	/**
	 * Prints the badges.
	 *
	 * @param mixed $column Column id.
	 * @param mixed $order  WC_Order (HPOS) or post id (posts storage).
	 */
	public function render( $column, $order ): void {
		if ( self::COLUMN !== $column ) {
			return;
		}
		$order = $order instanceof \WC_Order ? $order : wc_get_order( (int) $order );
		if ( ! $order instanceof \WC_Order ) {
			return;
		}
		echo self::badges( $order ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped in badges().
	}

	/**
	 * The badges of an order, escaped HTML; shared with the order edit screen.
	 *
	 * @param \WC_Order $order Order.
	 */
	public static function badges( \WC_Order $order ): string {
		$transfers = Acknowledgements::of( $order );
		if ( array() === $transfers ) {
			return '<span class="flashnode-transfer flashnode-transfer--none" style="color:#8a2424">' . esc_html__( 'Not transferred', 'flashnode-connector' ) . '</span>';
		}
		$html = '';
		foreach ( $transfers as $transfer ) {
			$title = '' === $transfer['reference']
				? $transfer['at']
				/* translators: 1: time, 2: reference. */
				: sprintf( __( '%1$s, ref %2$s', 'flashnode-connector' ), $transfer['at'], $transfer['reference'] );
			$html .= '<span class="flashnode-transfer flashnode-transfer--done" style="display:inline-block;color:#1e6e2e" title="' . esc_attr( $title ) . '">&#10003; ' . esc_html( $transfer['consumer'] ) . '</span> ';
		}
		return trim( $html );
	}

	/**
	 * The filter's dropdown, above either list.
	 *
	 * @param mixed $type Order type or post type.
	 */
	public function filter_dropdown( $type ): void {
		if ( 'shop_order' !== $type ) {
			return;
		}
		$current = self::requested();
		$options = array(
			''     => __( 'Any transfer state', 'flashnode-connector' ),
			'none' => __( 'Not transferred', 'flashnode-connector' ),
		);
		foreach ( Consumers::all() as $key_id => $consumer ) {
			if ( null !== $consumer['last_ack_gmt'] ) {
				/* translators: %s: consumer name. */
				$options[ 'none-' . $key_id ] = sprintf( __( 'Not transferred to %s', 'flashnode-connector' ), $consumer['name'] );
			}
		}
		echo '<select name="' . esc_attr( self::PARAM ) . '" id="flashnode-transfer-filter" aria-label="' . esc_attr__( 'Filter by transfer', 'flashnode-connector' ) . '">';
		foreach ( $options as $value => $label ) {
			echo '<option value="' . esc_attr( (string) $value ) . '"' . selected( $current, (string) $value, false ) . '>' . esc_html( $label ) . '</option>';
		}
		echo '</select>';
	}

	/**
	 * HPOS list: adds the meta query.
	 *
	 * @param mixed $args Order query arguments.
	 * @return mixed
	 */
	public function filter_hpos_query( $args ) {
		$meta = self::meta_key_for( self::requested() );
		if ( null === $meta || ! is_array( $args ) ) {
			return $args;
		}
		$args['meta_query']   = isset( $args['meta_query'] ) && is_array( $args['meta_query'] ) ? $args['meta_query'] : array(); // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- the filter asks exactly this.
		$args['meta_query'][] = array(
			'key'     => $meta,
			'compare' => 'NOT EXISTS',
		);
		return $args;
	}

	/**
	 * HPOS list: makes WooCommerce count the filtered rows. Why: ListTable::prepare_items() (WooCommerce 10.5.2,
	 * src/Internal/Admin/Orders/ListTable.php) decides from its own query arguments, as they were before the
	 * prepare_items_query_args filter added the meta query, whether anything narrows the list; when only paging,
	 * type, status and order are set, it asks wc_get_orders() for no row count and takes its cached count of the
	 * status instead. The filtered list then showed its rows under the count of all orders ("239 items, 1 of
	 * 12", the pages past the filtered rows empty). A search filter without a search term narrows nothing
	 * (OrdersTableQuery reads it only with 's'), but it is among the request values WooCommerce copies into those
	 * arguments, so with it WooCommerce counts the rows of the query it runs, the meta query included. The
	 * dropdown beside the search box reads the request itself and keeps the owner's choice.
	 *
	 * @param mixed $request Request values of the list table (status, s, m, _customer_user, search-filter).
	 * @return mixed
	 */
	public function count_hpos_query( $request ) {
		if ( ! is_array( $request ) || null === self::meta_key_for( self::requested() ) || ! empty( $request['search-filter'] ) ) {
			return $request;
		}
		$request['search-filter'] = 'all';
		return $request;
	}

	/**
	 * Posts list: adds the meta query to the main query of edit.php?post_type=shop_order.
	 *
	 * @param mixed $query Query.
	 */
	public function filter_posts_query( $query ): void {
		if ( ! $query instanceof \WP_Query || ! $query->is_main_query() || 'shop_order' !== $query->get( 'post_type' ) ) {
			return;
		}
		$meta = self::meta_key_for( self::requested() );
		if ( null === $meta ) {
			return;
		}
		$meta_query   = is_array( $query->get( 'meta_query' ) ) ? $query->get( 'meta_query' ) : array();
		$meta_query[] = array(
			'key'     => $meta,
			'compare' => 'NOT EXISTS',
		);
		$query->set( 'meta_query', $meta_query ); // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query
	}

	/**
	 * The filter value in the request, if valid.
	 */
	private static function requested(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- a list filter, changes nothing.
		$value = isset( $_GET[ self::PARAM ] ) && is_string( $_GET[ self::PARAM ] ) ? sanitize_key( wp_unslash( $_GET[ self::PARAM ] ) ) : '';
		return preg_match( '/^none(-[1-9][0-9]*)?$/', $value ) ? $value : '';
	}

	/**
	 * The meta whose absence the filter asks for.
	 *
	 * @param string $value Filter value.
	 */
	private static function meta_key_for( string $value ): ?string {
		if ( 'none' === $value ) {
			return Acknowledgements::ANY_META;
		}
		return '' === $value ? null : Acknowledgements::META_PREFIX . (int) substr( $value, 5 );
	}
}
