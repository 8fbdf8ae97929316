<?php
/**
 * Watches the deliveries of the plugin's webhooks.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

use Flashnode\Connector\Admin\SettingsTab;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce keeps no "last delivery" per webhook (only log files), and disables a webhook silently after
 * repeated failures. This records the last delivery of each of the plugin's webhooks and the disabling, tells
 * shop managers in an admin notice, and lets the health endpoint report it to the integrator.
 */
final class DeliveryMonitor {

	/** Last delivery per webhook id (not autoloaded: written by deliveries, read by the page and health). */
	public const DELIVERIES_OPTION = 'flashnode_connector_webhook_deliveries';

	/** Webhooks WooCommerce disabled after failures, id => time. Autoloaded: read on every admin page, tiny. */
	public const ALERTS_OPTION = 'flashnode_connector_webhook_alerts';

	/**
	 * Hooks into WooCommerce's delivery actions (they fire in cron and Action Scheduler requests) and the notices.
	 */
	public function register(): void {
		add_action( 'woocommerce_webhook_delivery', array( $this, 'record_delivery' ), 10, 5 );
		add_action( 'woocommerce_webhook_disabled_due_delivery_failures', array( $this, 'record_disabled' ) );
		// A static callback: DeliveryGuard's class loads only when a delivery or ping is about to be sent.
		add_filter( 'woocommerce_webhook_http_args', array( DeliveryGuard::class, 'check_destination' ), 10, 3 );
		// The owner may also re-enable or delete a webhook in WooCommerce's own webhook screen.
		add_action( 'woocommerce_webhook_updated', array( $this, 'forget_alert_unless_disabled' ) );
		add_action( 'woocommerce_webhook_deleted', array( $this, 'forget_deleted' ) );
		if ( is_admin() ) {
			add_action( 'admin_notices', array( $this, 'show_notice' ) );
		}
	}

	/**
	 * Remembers the outcome of a delivery of one of the plugin's webhooks.
	 *
	 * @param array<string,mixed>   $http_args  Request arguments (not stored: the body holds customer data).
	 * @param array|\WP_Error|mixed $response   Response or error.
	 * @param float|mixed           $duration   Seconds.
	 * @param mixed                 $arg        Resource id.
	 * @param int|mixed             $webhook_id Webhook id.
	 */
	public function record_delivery( $http_args, $response, $duration, $arg, $webhook_id ): void {
		$webhook_id = (int) $webhook_id;
		if ( ! in_array( $webhook_id, WebhookRegistry::ids(), true ) ) {
			return;
		}
		$code = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		self::store(
			$webhook_id,
			array(
				'time_utc'      => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'kind'          => 'delivery',
				'response_code' => $code,
				// WooCommerce counts 2xx, 301 and 302 as delivered.
				'ok'            => $code >= 200 && $code < 303,
				'error'         => is_wp_error( $response ) ? $response->get_error_message() : '',
				'duration_ms'   => (int) round( (float) $duration * 1000 ),
			)
		);
	}

	/**
	 * Records a test delivery sent from the page.
	 *
	 * @param int            $webhook_id    Webhook id.
	 * @param true|\WP_Error $result        WebhookRegistry::test()'s result.
	 * @param float          $duration      Seconds.
	 * @param int|null       $response_code The receiver's HTTP status, 0 when none; null: 200 for a success.
	 */
	public static function record_test( int $webhook_id, $result, float $duration, ?int $response_code = null ): void {
		self::store(
			$webhook_id,
			array(
				'time_utc'      => gmdate( 'Y-m-d\TH:i:s\Z' ),
				'kind'          => 'test',
				'response_code' => $response_code ?? ( true === $result ? 200 : 0 ),
				'ok'            => true === $result,
				'error'         => is_wp_error( $result ) ? $result->get_error_message() : '',
				'duration_ms'   => (int) round( $duration * 1000 ),
			)
		);
	}

	/**
	 * Remembers that WooCommerce disabled one of the plugin's webhooks.
	 *
	 * @param int|mixed $webhook_id Webhook id.
	 */
	public function record_disabled( $webhook_id ): void {
		$webhook_id = (int) $webhook_id;
		if ( ! in_array( $webhook_id, WebhookRegistry::ids(), true ) ) {
			return;
		}
		$alerts                = self::alerts();
		$alerts[ $webhook_id ] = time();
		update_option( self::ALERTS_OPTION, $alerts, true );
	}

	/**
	 * Clears the alert of a webhook saved with another status than disabled, wherever that happened (WooCommerce
	 * saves a webhook it disables right after raising the alert, with the status disabled, which keeps it).
	 *
	 * @param int|mixed $webhook_id Webhook id.
	 */
	public function forget_alert_unless_disabled( $webhook_id ): void {
		$webhook_id = (int) $webhook_id;
		// The alerts are autoloaded: saves of other webhooks (every delivery saves one) cost no query here.
		if ( ! self::has_alert( $webhook_id ) ) {
			return;
		}
		$webhook = wc_get_webhook( $webhook_id );
		if ( ! $webhook || 'disabled' !== $webhook->get_status() ) {
			self::forget_alert( $webhook_id );
		}
	}

	/**
	 * Forgets a webhook deleted anywhere.
	 *
	 * @param int|mixed $webhook_id Webhook id.
	 */
	public function forget_deleted( $webhook_id ): void {
		self::forget( (int) $webhook_id );
	}

	/**
	 * Admin notice while one of the plugin's webhooks stays disabled.
	 */
	public function show_notice(): void {
		$alerts = self::alerts();
		if ( array() === $alerts || ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-error"><p>%s <a href="%s">%s</a></p></div>',
			esc_html(
				sprintf(
					/* translators: %d: number of webhooks. */
					_n(
						'WooCommerce disabled %d Flashnode webhook after repeated failed deliveries: orders no longer reach the integration service.',
						'WooCommerce disabled %d Flashnode webhooks after repeated failed deliveries: orders no longer reach the integration service.',
						count( $alerts ),
						'flashnode-connector'
					),
					count( $alerts )
				)
			),
			esc_url( SettingsTab::url() ),
			esc_html__( 'Check and re-enable them in WooCommerce > Settings > Flashnode.', 'flashnode-connector' )
		);
	}

	/**
	 * Whether WooCommerce disabled this webhook after failures (and nobody re-enabled it since).
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function has_alert( int $webhook_id ): bool {
		return isset( self::alerts()[ $webhook_id ] );
	}

	/**
	 * Clears the alert of a re-enabled webhook.
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function forget_alert( int $webhook_id ): void {
		$alerts = self::alerts();
		if ( isset( $alerts[ $webhook_id ] ) ) {
			unset( $alerts[ $webhook_id ] );
			if ( array() === $alerts ) {
				delete_option( self::ALERTS_OPTION );
			} else {
				update_option( self::ALERTS_OPTION, $alerts, true );
			}
		}
	}

	/**
	 * Forgets everything about a deleted webhook.
	 *
	 * @param int $webhook_id Webhook id.
	 */
	public static function forget( int $webhook_id ): void {
		self::forget_alert( $webhook_id );
		$deliveries = self::last_deliveries();
		if ( isset( $deliveries[ $webhook_id ] ) ) {
			unset( $deliveries[ $webhook_id ] );
			update_option( self::DELIVERIES_OPTION, $deliveries, false );
		}
	}

	/**
	 * Last delivery or test per webhook id.
	 *
	 * @return array<int,array<string,mixed>>
	 */
	public static function last_deliveries(): array {
		$deliveries = get_option( self::DELIVERIES_OPTION, array() );
		return is_array( $deliveries ) ? array_filter( $deliveries, 'is_array' ) : array();
	}

	/**
	 * Disabled webhooks, id => time.
	 *
	 * @return array<int,int>
	 */
	private static function alerts(): array {
		$alerts = get_option( self::ALERTS_OPTION, array() );
		return is_array( $alerts ) ? array_map( 'intval', $alerts ) : array();
	}

	/**
	 * Stores a webhook's last delivery.
	 *
	 * @param int                 $webhook_id Webhook id.
	 * @param array<string,mixed> $delivery   What happened.
	 */
	private static function store( int $webhook_id, array $delivery ): void {
		$deliveries                = self::last_deliveries();
		$deliveries[ $webhook_id ] = $delivery;
		update_option( self::DELIVERIES_OPTION, $deliveries, false );
	}
}
