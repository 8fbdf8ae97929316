<?php
/**
 * Finishes WooCommerce's set-up in the local shop and adds sample data; prints what it did as JSON.
 * Idempotent. Runs in a fresh process after WooCommerce was activated, so
 * WooCommerce is fully loaded (woocommerce_init fired) as in a real request.
 *
 * Usage: bash bin/wp-cli/wp.sh eval-file bin/shop/setup-woocommerce.php --user=admin   (run by bin/shop.sh start)
 * Env:   FLASHNODE_HPOS=0 keeps orders in posts storage (default: HPOS).
 *
 * @package FlashnodeConnector\Shop
 */

// WP-CLI has loaded WordPress and WooCommerce; these are the shop's helpers and its WooCommerce set-up.
require_once __DIR__ . '/lib/functions.php';
require_once __DIR__ . '/lib/woocommerce.php';

shop_require_woocommerce();
shop_ensure_woocommerce_installed();
shop_configure_store();
$hpos = shop_configure_order_storage( '0' !== getenv( 'FLASHNODE_HPOS' ) );

// Orders only now: created before the storage choice they would pin the shop
// to posts storage (WooCommerce enables HPOS only for shops without orders).
$products = shop_sample_products();
$created  = shop_seed_sample_orders();

shop_out(
	array(
		'woocommerce'   => WC()->version,
		'hpos'          => $hpos,
		'products'      => count( $products ),
		'ordersCreated' => $created,
	)
);
