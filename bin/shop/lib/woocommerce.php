<?php
/**
 * WooCommerce set-up and sample data for the local shop (WooCommerce loaded).
 *
 * Everything goes through WooCommerce's public API (options, the features
 * controller, wc_create_order), so the shop looks like one a merchant set up.
 *
 * @package FlashnodeConnector\Shop
 */

use Automattic\WooCommerce\Internal\DataStores\Orders\DataSynchronizer;
use Automattic\WooCommerce\Internal\Features\FeaturesController;
use Automattic\WooCommerce\Utilities\OrderUtil;

/** SKUs of the sample products; their presence means "already seeded". */
const SHOP_SAMPLE_PRODUCTS = array(
	'FLASHNODE-SAMPLE-1' => array( 'Sample Hoodie', '45.00' ),
	'FLASHNODE-SAMPLE-2' => array( 'Sample T-Shirt', '18.00' ),
	'FLASHNODE-SAMPLE-3' => array( 'Sample Cap', '12.50' ),
);

/** Statuses of the sample orders, created once. */
const SHOP_SAMPLE_ORDERS = array( 'processing', 'processing', 'completed', 'completed', 'pending' );

/**
 * Stop with a message unless WooCommerce is loaded and initialised.
 */
function shop_require_woocommerce(): void {
	if ( ! class_exists( 'WooCommerce' ) || ! did_action( 'woocommerce_init' ) ) {
		shop_fail( 'WooCommerce is not active in the shop (activate woocommerce/woocommerce.php first)' );
	}
}

/**
 * Check that WooCommerce's installer completed: version recorded, no tables
 * missing. Runs it again if not (it is idempotent).
 */
function shop_ensure_woocommerce_installed(): void {
	if ( get_option( 'woocommerce_version' ) !== WC()->version || get_option( 'woocommerce_db_version' ) !== WC()->version ) {
		WC_Install::install();
	}
	$missing = WC_Install::verify_base_tables( false, false );
	if ( $missing ) {
		WC_Install::verify_base_tables( false, true );
		$missing = WC_Install::verify_base_tables( false, false );
	}
	if ( $missing ) {
		shop_fail( 'WooCommerce tables are missing after installation: ' . implode( ', ', $missing ) );
	}
}

/**
 * Store basics (what the onboarding wizard would ask), and no wizard: the
 * activation redirect and the onboarding task list would otherwise send every
 * wp-admin visit (and the browser tests) to the set-up wizard.
 */
function shop_configure_store(): void {
	$options = array(
		'woocommerce_store_address'                => '1 Test Street',
		'woocommerce_store_city'                   => 'San Francisco',
		'woocommerce_default_country'              => 'US:CA',
		'woocommerce_store_postcode'               => '94103',
		'woocommerce_currency'                     => 'USD',
		'woocommerce_calc_taxes'                   => 'no',
		// New shops start in "coming soon" mode, hiding the storefront.
		'woocommerce_coming_soon'                  => 'no',
		'woocommerce_allow_tracking'               => 'no',
		'woocommerce_show_marketplace_suggestions' => 'no',
		'woocommerce_task_list_hidden'             => 'yes',
		'woocommerce_extended_task_list_hidden'    => 'yes',
		'woocommerce_task_list_complete'           => 'yes',
	);
	foreach ( $options as $name => $value ) {
		update_option( $name, $value );
	}
	$profile = get_option( 'woocommerce_onboarding_profile', array() );
	if ( empty( $profile['skipped'] ) && empty( $profile['completed'] ) ) {
		update_option(
			'woocommerce_onboarding_profile',
			array_merge( is_array( $profile ) ? $profile : array(), array( 'skipped' => true ) )
		);
	}
	delete_transient( '_wc_activation_redirect' );
}

/**
 * Choose the order storage. WooCommerce enables HPOS for a new shop in its
 * "newly installed" step, which normally runs on the first wp-admin page view
 * (admin_init); run that step here and check the outcome.
 *
 * @param bool $want_hpos True for custom order tables (WooCommerce's default), false for posts.
 * @return bool Whether HPOS is in use afterwards.
 */
function shop_configure_order_storage( bool $want_hpos ): bool {
	// WooCommerce < 8.0 has no "newly installed" step (and before 8.2 new shops start on posts storage).
	if ( method_exists( 'WC_Install', 'newly_installed' ) ) {
		$filter = $want_hpos ? '__return_true' : '__return_false';
		add_filter( 'woocommerce_enable_hpos_by_default_for_new_shops', $filter );
		WC_Install::newly_installed();
		remove_filter( 'woocommerce_enable_hpos_by_default_for_new_shops', $filter );
	}

	$synchronizer = wc_get_container()->get( DataSynchronizer::class );
	if ( $want_hpos && ! $synchronizer->check_orders_table_exists() ) {
		$synchronizer->create_database_tables();
	}

	if ( OrderUtil::custom_orders_table_usage_is_enabled() !== $want_hpos ) {
		$has_orders = (bool) wc_get_orders(
			array(
				'limit'  => 1,
				'return' => 'ids',
			)
		);
		if ( $has_orders ) {
			// Switching storage with orders needs WooCommerce's sync; a fresh shop is simpler.
			fwrite( STDERR, "warning: the shop already has orders in the other storage; run 'bash bin/shop.sh reset' to switch FLASHNODE_HPOS\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		} else {
			wc_get_container()->get( FeaturesController::class )->change_feature_enable( 'custom_order_tables', $want_hpos );
		}
	}

	$enabled = OrderUtil::custom_orders_table_usage_is_enabled();
	if ( $enabled && ! $synchronizer->check_orders_table_exists() ) {
		shop_fail( 'HPOS is enabled but the custom order tables do not exist' );
	}
	return $enabled;
}

/**
 * Three simple products, created once (found again by SKU).
 *
 * @return WC_Product[]
 */
function shop_sample_products(): array {
	$products = array();
	foreach ( SHOP_SAMPLE_PRODUCTS as $sku => list( $name, $price ) ) {
		$id = wc_get_product_id_by_sku( $sku );
		if ( ! $id ) {
			$product = new WC_Product_Simple();
			$product->set_props(
				array(
					'name'          => $name,
					'sku'           => $sku,
					'regular_price' => $price,
					'status'        => 'publish',
					'description'   => 'Sample product of the Flashnode local test shop.',
				)
			);
			$id = $product->save();
		}
		$products[] = wc_get_product( $id );
	}
	return $products;
}

/**
 * Create an order with one or two sample products and a billing address.
 *
 * @param string $status Order status without "wc-" (pending, processing, completed, ...).
 * @param int    $seed   Varies products and customer between orders.
 * @return WC_Order
 */
function shop_create_order( string $status, int $seed = 0 ): WC_Order {
	$status = preg_replace( '/^wc-/', '', $status );
	if ( ! array_key_exists( 'wc-' . $status, wc_get_order_statuses() ) ) {
		shop_fail( "unknown order status '$status' (known: " . implode( ', ', array_map( fn( $s ) => substr( $s, 3 ), array_keys( wc_get_order_statuses() ) ) ) . ')' );
	}
	$products = shop_sample_products();
	$order    = wc_create_order( array( 'created_via' => 'flashnode-shop' ) );
	if ( is_wp_error( $order ) ) {
		shop_fail( 'wc_create_order failed: ' . $order->get_error_message() );
	}
	$count = count( $products );
	$order->add_product( $products[ $seed % $count ], 1 + $seed % 2 );
	if ( 0 === $seed % 2 ) {
		$order->add_product( $products[ ( $seed + 1 ) % $count ], 1 );
	}
	$number  = $seed + 1;
	$address = array(
		'first_name' => 'Test',
		'last_name'  => 'Customer ' . $number,
		'email'      => 'customer' . $number . '@example.test',
		'phone'      => '555-0100',
		'address_1'  => $number . ' Sample Road',
		'city'       => 'San Francisco',
		'state'      => 'CA',
		'postcode'   => '94103',
		'country'    => 'US',
	);
	$order->set_address( $address, 'billing' );
	$order->set_address( $address, 'shipping' );
	$order->set_payment_method( 'bacs' );
	$order->set_payment_method_title( 'Direct bank transfer' );
	$order->calculate_totals( false );
	// update_status() saves and runs the normal status-transition hooks.
	$order->update_status( $status, 'Created by the Flashnode local test shop.' );
	return $order;
}

/**
 * Sample orders, created once: the option records that they were made, so a
 * test that deletes orders does not get them back on the next start.
 *
 * @return int[] Ids of the orders created now (empty when seeded before).
 */
function shop_seed_sample_orders(): array {
	if ( get_option( 'flashnode_shop_sample_orders' ) ) {
		return array();
	}
	$ids = array();
	foreach ( SHOP_SAMPLE_ORDERS as $seed => $status ) {
		$ids[] = shop_create_order( $status, $seed )->get_id();
	}
	update_option( 'flashnode_shop_sample_orders', $ids, false );
	return $ids;
}
