<?php
/**
 * Runs when the shop owner deletes the plugin in Plugins > Installed Plugins: removes everything the plugin
 * stored. The WooCommerce API keys and webhooks it created are revoked and deleted too, unless the owner chose
 * "keep them" in WooCommerce > Settings > Flashnode (for example to reinstall without reconnecting); then the
 * lists of their ids, the connections owning them and the services' own users stay too, so a reinstalled plugin
 * still manages them. Otherwise the services' own users are deleted too.
 * WooCommerce's own settings it switched on for the owner, such as the Legacy API or permalinks, stay as they
 * are; they belong to the shop. The .htaccess rule, if added, is removed.
 *
 * WooCommerce is loaded (if active) but this plugin is not, so its classes are required one by one.
 *
 * @package Flashnode\Connector
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

global $wpdb;

// Each option's name comes from the class that owns it (tests/php/UninstallTest.php finds them all there).
foreach ( array( 'Settings', 'Http/OutboundUrl', 'Connection/ServiceInfo', 'Connection/Connections', 'Connection/Scopes', 'Connection/ServiceUser', 'Connection/Refusals', 'Connection/History', 'Connection/Disconnect', 'Health/HealthLog', 'Http/RequestClaim', 'Keys/ApiKeys', 'Readiness/Readiness', 'Readiness/LoopbackProbeEndpoint', 'Webhooks/DeliveryLog', 'Webhooks/WebhookRegistry', 'Readiness/Fix', 'Readiness/UndoableFix', 'Readiness/Fixes/AuthorizationHeaderFix', 'Feed/ChangeLog', 'Feed/ChangeLogSchema', 'Feed/LateChanges', 'Feed/Consumers', 'Feed/OrderFlow', 'Feed/Acknowledgements', 'Delivery/DeliveryState', 'Delivery/Alerts', 'Delivery/Adoption', 'Delivery/Dispatcher', 'Delivery/Workers' ) as $flashnode_connector_class ) {
	require_once __DIR__ . '/php/' . $flashnode_connector_class . '.php';
}

$flashnode_connector_settings = get_option( \Flashnode\Connector\Settings::OPTION );
$flashnode_connector_keep     = is_array( $flashnode_connector_settings ) && ! empty( $flashnode_connector_settings['keep_connection_on_uninstall'] );
if ( ! $flashnode_connector_keep ) {
	// The connected service is told, signed, as by the Disconnect button (before the webhooks and their secret go).
	// Told, not asked: Disconnect waits at most 5 seconds, and uninstalling goes on whatever the answer.
	foreach ( \Flashnode\Connector\Connection\Connections::all() as $flashnode_connector_service ) {
		\Flashnode\Connector\Connection\Disconnect::notify( $flashnode_connector_service, \Flashnode\Connector\Connection\Disconnect::secret( $flashnode_connector_service['webhook_ids'] ), 'plugin_uninstalled' );
	}
	// Each service's own user (their keys go below); then their role.
	foreach ( get_users(
		array(
			'role'   => \Flashnode\Connector\Connection\ServiceUser::ROLE,
			'fields' => 'ID',
		)
	) as $flashnode_connector_user_id ) {
		\Flashnode\Connector\Connection\ServiceUser::delete( (int) $flashnode_connector_user_id );
	}
	remove_role( \Flashnode\Connector\Connection\ServiceUser::ROLE );
	foreach ( (array) get_option( \Flashnode\Connector\Keys\ApiKeys::OPTION, array() ) as $flashnode_connector_key_id ) {
		$wpdb->delete( $wpdb->prefix . 'woocommerce_api_keys', array( 'key_id' => (int) $flashnode_connector_key_id ), array( '%d' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- uninstall; WooCommerce's key table has no API.
	}
	foreach ( (array) get_option( \Flashnode\Connector\Webhooks\WebhookRegistry::OPTION, array() ) as $flashnode_connector_webhook_id ) {
		// Through WooCommerce when it is active (clears its caches and scheduled deliveries), else straight from its table.
		$flashnode_connector_webhook = function_exists( 'wc_get_webhook' ) ? wc_get_webhook( (int) $flashnode_connector_webhook_id ) : null;
		if ( $flashnode_connector_webhook ) {
			$flashnode_connector_webhook->delete( true );
		} else {
			$wpdb->delete( $wpdb->prefix . 'wc_webhooks', array( 'webhook_id' => (int) $flashnode_connector_webhook_id ), array( '%d' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- uninstall without WooCommerce loaded.
		}
	}
}

// Order deliveries. A connection that stays gets its order webhooks back to WooCommerce (which then sends each
// event once, as before the plugin): without the plugin, nothing else would deliver them. The cursors and logs go
// either way; a reinstall moves the webhooks over again from the log's head.
if ( $flashnode_connector_keep && class_exists( 'WC_Webhook' ) ) {
	$flashnode_connector_records = get_option( \Flashnode\Connector\Connection\Connections::OPTION, array() );
	foreach ( is_array( $flashnode_connector_records ) ? $flashnode_connector_records : array() as $flashnode_connector_id => $flashnode_connector_record ) {
		if ( ! is_array( $flashnode_connector_record ) || empty( $flashnode_connector_record['delivery_format'] ) ) {
			continue;
		}
		foreach ( (array) ( $flashnode_connector_record['webhook_ids'] ?? array() ) as $flashnode_connector_webhook_id ) {
			$flashnode_connector_webhook = wc_get_webhook( (int) $flashnode_connector_webhook_id );
			if ( $flashnode_connector_webhook && 'paused' === $flashnode_connector_webhook->get_status() && 0 === strpos( (string) $flashnode_connector_webhook->get_topic(), 'order.' ) ) {
				$flashnode_connector_webhook->set_status( 'active' );
				$flashnode_connector_webhook->save();
			}
		}
		$flashnode_connector_records[ $flashnode_connector_id ]['delivery_format'] = null;
	}
	update_option( \Flashnode\Connector\Connection\Connections::OPTION, $flashnode_connector_records, false );
}
// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a read: WordPress has no API to list options by prefix.
foreach ( (array) $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( \Flashnode\Connector\Delivery\DeliveryState::STATE_PREFIX ) . '%' ) ) as $flashnode_connector_option ) {
	delete_option( (string) $flashnode_connector_option );
}

$flashnode_connector_options = array(
	\Flashnode\Connector\Delivery\Alerts::OPTION,
	\Flashnode\Connector\Delivery\Adoption::MIGRATED_OPTION,
	\Flashnode\Connector\Delivery\Workers::OPTION,
	\Flashnode\Connector\Settings::OPTION,
	\Flashnode\Connector\Health\HealthLog::OPTION,
	\Flashnode\Connector\Readiness\Readiness::LAST_REPORT_OPTION,
	\Flashnode\Connector\Webhooks\DeliveryLog::DELIVERIES_OPTION,
	\Flashnode\Connector\Webhooks\DeliveryLog::ALERTS_OPTION,
	\Flashnode\Connector\Connection\History::OPTION,
	\Flashnode\Connector\Connection\Refusals::OPTION,
);
if ( ! $flashnode_connector_keep ) {
	// Kept keys and webhooks keep their ids here, so that after a reinstall the plugin lists them again and can
	// still revoke them: otherwise they would hold access to the shop with nobody managing them.
	// The same for the connections owning them (and 0.4's single one, not yet migrated).
	array_push( $flashnode_connector_options, \Flashnode\Connector\Keys\ApiKeys::OPTION, \Flashnode\Connector\Webhooks\WebhookRegistry::OPTION, \Flashnode\Connector\Connection\Connections::OPTION, \Flashnode\Connector\Connection\ServiceInfo::LEGACY_OPTION );
}
foreach ( $flashnode_connector_options as $flashnode_connector_option ) {
	delete_option( $flashnode_connector_option );
}
delete_transient( \Flashnode\Connector\Readiness\Readiness::CACHE_TRANSIENT );
delete_transient( \Flashnode\Connector\Readiness\LoopbackProbeEndpoint::TOKEN_TRANSIENT );
// Idempotency claims: found by their prefix, deleted through the options API (which keeps caches right).
// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a read: WordPress has no API to list options by prefix.
foreach ( (array) $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( \Flashnode\Connector\Http\RequestClaim::OPTION_PREFIX ) . '%' ) ) as $flashnode_connector_option ) {
	delete_option( (string) $flashnode_connector_option );
}

// The order change log and the acknowledgements (order meta, both storages), unless the owner keeps the connection:
// then a reinstalled plugin continues the same log, and the consumers' cursors and the orders' marks stay valid.
if ( ! $flashnode_connector_keep ) {
	// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange -- uninstall; the table name is ours.
	$wpdb->query( 'DROP TABLE IF EXISTS ' . \Flashnode\Connector\Feed\ChangeLogSchema::table() );
	$flashnode_connector_meta_like = $wpdb->esc_like( \Flashnode\Connector\Feed\Acknowledgements::META_STEM ) . '%';
	// Posts storage (and compatibility mode's copies): each key through WordPress's API, which also drops the
	// cached meta of the posts it touched. The keys (one per consumer) are found with a read.
	foreach ( (array) $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT meta_key FROM {$wpdb->postmeta} WHERE meta_key LIKE %s", $flashnode_connector_meta_like ) ) as $flashnode_connector_meta_key ) {
		delete_post_meta_by_key( (string) $flashnode_connector_meta_key );
	}
	// HPOS: WooCommerce has no public API to delete a meta key from every order, and saving each order would fire
	// its hooks (webhooks included) at uninstall, so the rows go from WooCommerce's own meta table. No cache flush:
	// the marks are hidden meta nobody reads without the plugin, and flushing the whole object cache would cost
	// every other plugin (and, on a shared cache, other sites) its cache.
	if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'wc_orders_meta' ) ) ) ) {
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}wc_orders_meta WHERE meta_key LIKE %s", $flashnode_connector_meta_like ) );
	}
	// phpcs:enable
}
// The schema version goes even when the table stays (a reinstall checks the table again); who read the feed and
// when are numbers for the order-flow panel, rebuilt by the next reads.
foreach ( array( \Flashnode\Connector\Feed\ChangeLogSchema::OPTION, \Flashnode\Connector\Feed\ChangeLogSchema::LOCK_OPTION, \Flashnode\Connector\Feed\ChangeLogSchema::ERROR_OPTION, \Flashnode\Connector\Feed\LateChanges::OPTION, \Flashnode\Connector\Feed\Consumers::OPTION ) as $flashnode_connector_option ) {
	delete_option( $flashnode_connector_option );
}
delete_transient( \Flashnode\Connector\Feed\OrderFlow::CACHE_TRANSIENT );
if ( function_exists( 'as_unschedule_all_actions' ) ) {
	as_unschedule_all_actions( \Flashnode\Connector\Feed\ChangeLog::PRUNE_HOOK, array(), \Flashnode\Connector\Feed\ChangeLog::SCHEDULER_GROUP );
	as_unschedule_all_actions( \Flashnode\Connector\Feed\LateChanges::HOOK, array(), \Flashnode\Connector\Feed\ChangeLog::SCHEDULER_GROUP );
	as_unschedule_all_actions( \Flashnode\Connector\Delivery\Dispatcher::TICK_HOOK, array(), \Flashnode\Connector\Feed\ChangeLog::SCHEDULER_GROUP );
	as_unschedule_all_actions( \Flashnode\Connector\Delivery\Dispatcher::HOOK, array(), \Flashnode\Connector\Feed\ChangeLog::SCHEDULER_GROUP );
}

// The .htaccess block between "# BEGIN Flashnode Connector" and "# END Flashnode Connector", if any.
( new \Flashnode\Connector\Readiness\Fixes\AuthorizationHeaderFix() )->remove();
