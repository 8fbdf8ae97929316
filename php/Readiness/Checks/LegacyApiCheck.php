<?php
/**
 * The WooCommerce Legacy REST API.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Shop\LegacyApi;
use Flashnode\Connector\Shop\LegacyApiPlugin;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * Present (built in before WooCommerce 9.0, a separate plugin since), switched on, and able to see the orders:
 * "enabled" alone was reported OK on HPOS shops where /wc-api/v3/orders answered an empty list.
 */
final class LegacyApiCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'legacy_api';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Legacy REST API', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		// active_plugins: activating or deactivating the Legacy REST API plugin changes the answer.
		return array( LegacyApi::OPTION, OrderStorage::HPOS_OPTION, OrderStorage::SYNC_OPTION, Settings::OPTION, 'active_plugins' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the state is read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$details = array( 'needed' => Settings::needs_legacy_api() ) + LegacyApi::facts();
		if ( ! $details['needed'] ) {
			return CheckResult::not_applicable( __( 'The integration uses the REST API v3 only; the Legacy REST API is not needed.', 'flashnode-connector' ), $details );
		}
		$why = __( 'The integration reads orders through the Legacy REST API (/wc-api/v3/…); while it is off, every call fails.', 'flashnode-connector' );
		if ( ! $details['available'] ) {
			$installed = LegacyApi::plugin_installed();
			$result    = CheckResult::error(
				__( 'WooCommerce 9.0 and newer no longer include the Legacy REST API, and the "WooCommerce Legacy REST API" plugin is not active.', 'flashnode-connector' ),
				$why,
				$installed
					? __( 'Activate the "WooCommerce Legacy REST API" plugin in Plugins > Installed Plugins, then enable the API here, or let the plugin do both.', 'flashnode-connector' )
					: __( 'Install and activate the free "WooCommerce Legacy REST API" plugin (Plugins > Add New), then enable the API here, or let the plugin do all of it.', 'flashnode-connector' ),
				$details + array( 'plugin_installed' => $installed )
			);
			// Offered where it can work: the plugin is there to activate, or this site lets plugins be installed.
			return $installed || LegacyApiPlugin::installs_allowed() ? $result->fixable_by( 'legacy_api' ) : $result;
		}
		if ( ! $details['enabled'] ) {
			return CheckResult::error(
				__( 'The Legacy REST API is off.', 'flashnode-connector' ),
				$why,
				__( 'Enable it in WooCommerce > Settings > Advanced > Legacy API, or let the plugin enable it.', 'flashnode-connector' ),
				$details
			)->fixable_by( 'legacy_api' );
		}
		if ( ! $details['sees_orders'] ) {
			return $this->orders_hidden( $details );
		}
		return CheckResult::ok( __( 'The Legacy REST API is available, enabled and sees the shop\'s orders.', 'flashnode-connector' ), $details );
	}

	/**
	 * On for an HPOS shop whose posts table lacks (some of) the orders: the Legacy API reads only that table.
	 *
	 * @param array<string,mixed> $details The check's facts.
	 */
	private function orders_hidden( array $details ): CheckResult {
		$why = __( 'The Legacy REST API reads orders from the WordPress posts table only. Calls to /wc-api/v3/orders answer with an empty or incomplete list, without an error, so the integration silently transfers nothing.', 'flashnode-connector' );
		if ( OrderStorage::sync_enabled() ) {
			return CheckResult::warning(
				sprintf(
					/* translators: %d: number of orders. */
					_n( 'Compatibility mode is still copying orders to the posts table: %d order is not there yet, and the Legacy REST API does not see it until the copy is done.', 'Compatibility mode is still copying orders to the posts table: %d orders are not there yet, and the Legacy REST API does not see them until the copy is done.', (int) $details['pending_sync'], 'flashnode-connector' ),
					(int) $details['pending_sync']
				),
				$why,
				__( 'Wait for WooCommerce to finish the copy: it runs in the background through WP-Cron and Action Scheduler (WooCommerce > Status > Scheduled Actions), in batches, and may take a while on a large shop.', 'flashnode-connector' ),
				$details
			);
		}
		return CheckResult::error(
			__( 'The Legacy REST API is on but does not see the shop\'s orders: it reads the WordPress posts table, and this shop keeps its orders in High-Performance Order Storage with compatibility mode off, so that table holds none of them (or only old copies).', 'flashnode-connector' ),
			$why,
			__( 'Choose one. If the integration service supports the REST API v3, set "REST API v3 only" in the transfer settings on this page and ask the service to switch. Otherwise turn on compatibility mode (WooCommerce > Settings > Advanced > Features), which the plugin can do for you: WooCommerce then writes every order to both storages, so saving orders gets somewhat slower and the database larger, and it copies the existing orders in the background, which can take a while on a large shop.', 'flashnode-connector' ),
			$details
		)->fixable_by( 'order_sync' );
	}
}
