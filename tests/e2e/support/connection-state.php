<?php
/**
 * Test support, run with `wp eval-file` (bin/wp-cli/wp.sh): prints what a connection attempt could leave behind,
 * so a browser test can show that a refused, denied or forged one left nothing.
 *
 *   connection-state.php
 *
 * @package Flashnode\Connector\Tests
 */

global $wpdb;
// phpcs:disable WordPress.DB.DirectDatabaseQuery -- test support reads WooCommerce's tables directly.
echo wp_json_encode(
	array(
		'key_rows'     => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}woocommerce_api_keys" ),
		'webhook_rows' => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}wc_webhooks" ),
		'settings'     => get_option( 'flashnode_connector_settings', null ),
		'connections'  => get_option( 'flashnode_connector_connections', null ),
		'users'        => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users}" ),
		'history'      => get_option( 'flashnode_connector_connection_history', null ),
	)
), PHP_EOL;
