<?php
/**
 * Wires the plugin's parts into WordPress once requirements are met.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector;

use Flashnode\Connector\Admin\SettingsAssets;
use Flashnode\Connector\Admin\SettingsTab;
use Flashnode\Connector\Health\HealthController;
use Flashnode\Connector\Http\NoStore;
use Flashnode\Connector\Readiness\LoopbackProbeEndpoint;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Rest\ApprovalController;
use Flashnode\Connector\Rest\ConnectionController;
use Flashnode\Connector\Rest\KeysController;
use Flashnode\Connector\Rest\ReadinessController;
use Flashnode\Connector\Rest\SettingsController;
use Flashnode\Connector\Rest\WebhooksController;
use Flashnode\Connector\Webhooks\DeliveryMonitor;

defined( 'ABSPATH' ) || exit;

/**
 * Composition root: creates each part and lets it register its own hooks. No logic of its own.
 */
final class Plugin {

	/**
	 * Registers every part's hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'load_textdomain' ) );
		// The health endpoint and the page's routes: created on REST requests only, so storefront pages load none
		// of their classes.
		add_action( 'rest_api_init', array( $this, 'register_rest_routes' ) );
		// The cached readiness report must not outlive a change made elsewhere: in the admin, over REST, from the
		// command line or cron. Storefront pages rendered by the theme change none of the options the checks read,
		// so they load none of the checks.
		if ( is_admin() || ! wp_using_themes() ) {
			Readiness::watch();
		}
		add_action( 'rest_api_init', array( Readiness::class, 'watch' ) );
		// Deliveries happen in cron/Action Scheduler requests (or inline), so the monitor listens everywhere.
		( new DeliveryMonitor() )->register();
		if ( wp_doing_ajax() ) {
			( new LoopbackProbeEndpoint() )->register();
		}
		if ( is_admin() ) {
			( new SettingsTab() )->register();
			( new SettingsAssets() )->register();
		}
	}

	/**
	 * The health endpoint, and the page's routes under flashnode/v1 (one controller per resource).
	 */
	public function register_rest_routes(): void {
		NoStore::register();
		( new HealthController() )->register();
		foreach ( array( new ReadinessController(), new SettingsController(), new KeysController(), new ConnectionController(), new ApprovalController(), new WebhooksController() ) as $controller ) {
			$controller->register_routes();
		}
	}

	/**
	 * Loads translations shipped in languages/ (WordPress.org language packs take precedence when present).
	 */
	public function load_textdomain(): void {
		load_plugin_textdomain( 'flashnode-connector', false, dirname( plugin_basename( FLASHNODE_CONNECTOR_FILE ) ) . '/languages' );
	}
}
