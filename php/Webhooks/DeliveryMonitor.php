<?php
/**
 * Watches the deliveries of the plugin's webhooks.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Webhooks;

use Flashnode\Connector\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce keeps no "last delivery" per webhook (only log files), and disables a webhook silently after
 * repeated failures. This records (in DeliveryLog) the last delivery of each of the plugin's webhooks and the
 * disabling, and tells shop managers in an admin notice; the page and the health endpoint read DeliveryLog.
 */
final class DeliveryMonitor {

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
		// WooCommerce counts 2xx, 301 and 302 as delivered.
		DeliveryLog::record( $webhook_id, 'delivery', $code, $code >= 200 && $code < 303, is_wp_error( $response ) ? $response->get_error_message() : '', $duration );
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
		DeliveryLog::raise_alert( $webhook_id );
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
		if ( ! DeliveryLog::has_alert( $webhook_id ) ) {
			return;
		}
		$webhook = wc_get_webhook( $webhook_id );
		if ( ! $webhook || 'disabled' !== $webhook->get_status() ) {
			DeliveryLog::forget_alert( $webhook_id );
		}
	}

	/**
	 * Forgets a webhook deleted anywhere.
	 *
	 * @param int|mixed $webhook_id Webhook id.
	 */
	public function forget_deleted( $webhook_id ): void {
		DeliveryLog::forget( (int) $webhook_id );
	}

	/**
	 * Admin notice while one of the plugin's webhooks stays disabled.
	 */
	public function show_notice(): void {
		$alerts = DeliveryLog::alerts();
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
			esc_url( Settings::page_url() ),
			esc_html__( 'Check and re-enable them in WooCommerce > Settings > Flashnode.', 'flashnode-connector' )
		);
	}
}
