<?php
/**
 * Wires the plugin's parts into WordPress once requirements are met.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector;

use Flashnode\Connector\Abilities\Abilities;
use Flashnode\Connector\Admin\OrderListColumn;
use Flashnode\Connector\Admin\PrivacyPolicy;
use Flashnode\Connector\Admin\OrderTransferBox;
use Flashnode\Connector\Admin\SettingsAssets;
use Flashnode\Connector\Admin\SettingsTab;
use Flashnode\Connector\Admin\StuckOrdersNotice;
use Flashnode\Connector\Admin\LateDeliveriesNotice;
use Flashnode\Connector\Admin\ResendActions;
use Flashnode\Connector\Connection\Refusals;
use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\ChangeRecorder;
use Flashnode\Connector\Feed\LateChanges;
use Flashnode\Connector\Feed\RemovalRecorder;
use Flashnode\Connector\Integrator\AckController;
use Flashnode\Connector\Integrator\FeedController;
use Flashnode\Connector\Integrator\HealthController;
use Flashnode\Connector\Integrator\LegacyRefusals;
use Flashnode\Connector\Integrator\ReconnectUrlController;
use Flashnode\Connector\Http\NoStore;
use Flashnode\Connector\Readiness\LoopbackProbeEndpoint;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Rest\ApprovalController;
use Flashnode\Connector\Rest\ConnectionController;
use Flashnode\Connector\Rest\DeliveriesController;
use Flashnode\Connector\Rest\KeysController;
use Flashnode\Connector\Rest\OrderFlowController;
use Flashnode\Connector\Rest\OwnUserController;
use Flashnode\Connector\Rest\ReadinessController;
use Flashnode\Connector\Rest\SettingsController;
use Flashnode\Connector\Rest\SiteHealthController;
use Flashnode\Connector\Rest\WebhooksController;
use Flashnode\Connector\Support\SiteHealthInfo;
use Flashnode\Connector\Support\StatusReport;
use Flashnode\Connector\Webhooks\DeliveryMonitor;

defined( 'ABSPATH' ) || exit;

/**
 * Composition root: creates each part and lets it register its own hooks. No logic of its own.
 */
final class Plugin {

	/**
	 * The options the readiness checks read: every check's stale_on(), listed here so that storefront requests
	 * need not load the checks to learn them (tests/php/ReadinessRoutesTest.php keeps the two lists equal).
	 */
	public const READINESS_OPTIONS = array( 'home', 'siteurl', 'permalink_structure', 'woocommerce_api_enabled', 'woocommerce_custom_orders_table_enabled', 'woocommerce_custom_orders_table_data_sync_enabled', 'flashnode_connector_settings', 'active_plugins', 'woocommerce_coming_soon', 'flashnode_connector_changes_schema', 'flashnode_connector_changes_error', 'flashnode_connector_late_changes', 'flashnode_connector_connections', 'flashnode_connector_late_deliveries' );

	/**
	 * Registers every part's hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'load_textdomain' ) );
		// The health endpoint and the page's routes: created on REST requests only, so storefront pages load none
		// of their classes.
		add_action( 'rest_api_init', array( $this, 'register_rest_routes' ) );
		// The cached readiness report must not outlive a change made elsewhere (Settings > Permalinks, WooCommerce's
		// screens, REST, WP-CLI). Hooked per option, by name: writes of any other option (a transient on a
		// storefront page) call nothing, and the callback, named by class, loads Readiness only when one changes.
		foreach ( self::READINESS_OPTIONS as $option ) {
			foreach ( array( 'add_option_', 'update_option_', 'delete_option_' ) as $hook ) {
				add_action( $hook . $option, array( Readiness::class, 'forget' ), 10, 0 );
			}
		}
		foreach ( array( 'activated_plugin', 'deactivated_plugin' ) as $hook ) {
			add_action( $hook, array( Readiness::class, 'forget' ), 10, 0 );
		}
		// Callbacks named by class from here on load their class only when WordPress calls them, so a storefront
		// page loads none of these. The services' own users: no login anywhere, and WooCommerce's HPOS order checks
		// (ServiceUser explains).
		add_filter( 'wp_authenticate_user', array( ServiceUser::class, 'refuse_login' ), 10, 1 );
		add_filter( 'allow_password_reset', array( ServiceUser::class, 'allow_password_reset' ), 10, 2 );
		add_filter( 'wp_is_application_passwords_available_for_user', array( ServiceUser::class, 'allow_application_passwords' ), 10, 2 );
		add_filter( 'map_meta_cap', array( ServiceUser::class, 'map_order_placeholder' ), 10, 4 );
		// What the Legacy API refuses a service, for its card (hooked at load: that API fires no rest_api_init).
		add_filter( 'woocommerce_api_serve_request', array( LegacyRefusals::class, 'watch' ), 10, 3 );
		// Deliveries happen in cron/Action Scheduler requests (or inline), so the monitor listens everywhere.
		( new DeliveryMonitor() )->register();
		// The plugin's own order deliveries run in Action Scheduler (Dispatcher registers where it may run).
		Dispatcher::register();
		// WordPress 6.9+ only: older versions never fire the Abilities API's hooks.
		add_action( 'wp_abilities_api_categories_init', array( Abilities::class, 'register_category' ) );
		add_action( 'wp_abilities_api_init', array( Abilities::class, 'register_abilities' ) );
		if ( wp_doing_ajax() ) {
			( new LoopbackProbeEndpoint() )->register();
		}
		if ( is_admin() ) {
			( new SettingsTab() )->register();
			( new SettingsAssets() )->register();
			( new PrivacyPolicy() )->register();
			add_action( 'woocommerce_system_status_report', array( StatusReport::class, 'render' ) );
		}
		// Site Health applies these on its own screens, its REST routes and its cron run only; a callback named
		// by class loads that class only when it is called.
		add_filter( 'site_status_tests', array( SiteHealthController::class, 'add_tests' ) );
		add_filter( 'debug_information', array( SiteHealthInfo::class, 'add_section' ) );
		if ( defined( 'WP_CLI' ) && constant( 'WP_CLI' ) ) {
			Cli\Commands::register();
		}
		$this->register_change_log();
	}

	/**
	 * The order change log: its table is created or upgraded when the schema version changed (one autoloaded
	 * option read otherwise), and order changes are recorded on every request, checkout included.
	 */
	private function register_change_log(): void {
		ChangeLogSchema::maybe_install();
		if ( ChangeLogSchema::is_installed() ) {
			( new ChangeRecorder() )->register();
			( new RemovalRecorder() )->register();
		}
		add_action( ChangeLog::PRUNE_HOOK, array( ChangeLog::class, 'prune' ) );
		add_action( LateChanges::HOOK, array( LateChanges::class, 'check' ) );
		if ( is_admin() ) {
			add_action( 'admin_init', array( ChangeLog::class, 'schedule_pruning' ) );
			add_action( 'admin_init', array( LateChanges::class, 'schedule' ) );
			( new OrderListColumn() )->register();
			( new OrderTransferBox() )->register();
			( new StuckOrdersNotice() )->register();
			( new LateDeliveriesNotice() )->register();
			( new ResendActions() )->register();
		}
	}

	/**
	 * The integrators' routes under wc-flashnode/v1 (Integrator\: health, change feed, acknowledgements), and the
	 * page's routes under flashnode/v1 (one controller per resource).
	 */
	public function register_rest_routes(): void {
		NoStore::register();
		Refusals::register();
		foreach ( array( new HealthController(), new FeedController(), new AckController(), new ReconnectUrlController(), new ReadinessController(), new SettingsController(), new KeysController(), new ConnectionController(), new DeliveriesController(), new ApprovalController(), new OwnUserController(), new WebhooksController(), new OrderFlowController(), new SiteHealthController() ) as $controller ) {
			$controller->register_routes();
		}
	}

	/**
	 * Makes the translations shipped in languages/ available (WordPress.org language packs take precedence when
	 * present). Only on first use: WordPress 6.7+ loads a plugin's .mo just in time anyway, but before 6.7
	 * load_plugin_textdomain() reads it at once, on every request, storefront pages included. There, registering
	 * the folder is enough: the just-in-time loader (6.1+) looks in it when the first string is translated.
	 */
	public function load_textdomain(): void {
		$folder = dirname( plugin_basename( FLASHNODE_CONNECTOR_FILE ) ) . '/languages';
		if ( version_compare( get_bloginfo( 'version' ), '6.7', '>=' ) ) {
			load_plugin_textdomain( 'flashnode-connector', false, $folder );
			return;
		}
		$GLOBALS['wp_textdomain_registry']->set_custom_path( 'flashnode-connector', WP_PLUGIN_DIR . '/' . $folder );
	}
}
