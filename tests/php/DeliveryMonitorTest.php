<?php
/**
 * The record of the plugin's webhook deliveries and of webhooks WooCommerce disabled.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Webhooks\DeliveryLog;
use Flashnode\Connector\Webhooks\DeliveryMonitor;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * Only the plugin's webhooks are watched.
 */
final class DeliveryMonitorTest extends RestTestCase {

	/**
	 * Id of a webhook the plugin registered for the test.
	 *
	 * @var int
	 */
	private $ours = 0;

	/**
	 * Registers one webhook through the plugin (never delivered to: nothing fires its topic in this process).
	 */
	protected function setUp(): void {
		parent::setUp();
		delete_option( DeliveryLog::DELIVERIES_OPTION );
		delete_option( DeliveryLog::ALERTS_OPTION );
		$this->ours = WebhookRegistry::register( 'https://203.0.113.10/hooks', array( 'order.created' ), self::MARKER )['created'][0];
	}

	/**
	 * Deliveries of the plugin's webhooks are recorded through WooCommerce's action; 2xx, 301 and 302 count as
	 * delivered, as WooCommerce counts them. Other webhooks are ignored.
	 */
	public function test_records_deliveries_of_its_own_webhooks_only(): void {
		$outcomes = array(
			200 => true,
			204 => true,
			301 => true,
			302 => true,
			303 => false,
			404 => false,
			500 => false,
		);
		foreach ( $outcomes as $code => $ok ) {
			do_action( 'woocommerce_webhook_delivery', array( 'body' => '{"secret":"customer data"}' ), self::http_response( $code ), 0.25, 1, $this->ours );
			$delivery = DeliveryLog::last_deliveries()[ $this->ours ];
			$this->assertSame( $ok, $delivery['ok'], "HTTP $code" );
			$this->assertSame( $code, $delivery['response_code'] );
			$this->assertSame( 'delivery', $delivery['kind'] );
			$this->assertSame( 250, $delivery['duration_ms'] );
		}
		do_action( 'woocommerce_webhook_delivery', array(), new \WP_Error( 'http_request_failed', 'Connection refused' ), 1.0, 1, $this->ours );
		$delivery = DeliveryLog::last_deliveries()[ $this->ours ];
		$this->assertSame( array( 0, false, 'Connection refused' ), array( $delivery['response_code'], $delivery['ok'], $delivery['error'] ) );
		$this->assertStringNotContainsString( 'customer data', (string) wp_json_encode( get_option( DeliveryLog::DELIVERIES_OPTION ) ), 'Bodies are never stored.' );

		do_action( 'woocommerce_webhook_delivery', array(), self::http_response( 200 ), 0.1, 1, 99999999 );
		$this->assertSame( array( $this->ours ), array_keys( DeliveryLog::last_deliveries() ) );
	}

	/**
	 * WooCommerce disabling one of the plugin's webhooks raises an alert and an admin notice for shop managers;
	 * forget_alert() clears it.
	 */
	public function test_alert_and_notice_when_woocommerce_disables_a_webhook(): void {
		$monitor = new DeliveryMonitor();
		do_action( 'woocommerce_webhook_disabled_due_delivery_failures', 99999999 );
		$this->assertFalse( DeliveryLog::has_alert( 99999999 ) );
		$this->assertSame( '', $this->output_of( array( $monitor, 'show_notice' ) ) );

		do_action( 'woocommerce_webhook_disabled_due_delivery_failures', $this->ours );
		$this->assertTrue( DeliveryLog::has_alert( $this->ours ) );
		$notice = $this->output_of( array( $monitor, 'show_notice' ) );
		$this->assertStringContainsString( 'notice-error', $notice );
		$this->assertStringContainsString( 'disabled 1 Flashnode webhook', $notice );
		$this->assertStringContainsString( 'tab=flashnode', $notice );

		wp_set_current_user( $this->create_user( 'customer' ) );
		$this->assertSame( '', $this->output_of( array( $monitor, 'show_notice' ) ), 'Only shop managers see it.' );

		DeliveryLog::forget_alert( $this->ours );
		$this->assertFalse( DeliveryLog::has_alert( $this->ours ) );
		$this->assertNull( get_option( DeliveryLog::ALERTS_OPTION, null ), 'The autoloaded option goes away when empty.' );
	}

	/**
	 * Re-enabling or deleting the webhook in WooCommerce's own screen (through WC_Webhook, as that screen does)
	 * clears the alert, so the admin notice does not stay forever; WooCommerce's own save of the disabled
	 * webhook keeps it.
	 */
	public function test_alert_goes_when_the_webhook_is_enabled_or_deleted_elsewhere(): void {
		$monitor = new DeliveryMonitor(); // For its notice; the plugin itself has registered the hooks.
		$second  = WebhookRegistry::register( 'https://203.0.113.10/hooks', array( 'order.updated' ), self::MARKER )['created'][0];
		foreach ( array( $this->ours, $second ) as $id ) {
			$webhook = wc_get_webhook( $id );
			$webhook->set_status( 'disabled' );
			do_action( 'woocommerce_webhook_disabled_due_delivery_failures', $id );
			$webhook->save();
			$this->assertTrue( DeliveryLog::has_alert( $id ), 'Saving it disabled keeps the alert.' );
		}

		$webhook = wc_get_webhook( $this->ours );
		$webhook->set_status( 'active' );
		$webhook->save();
		$this->assertFalse( DeliveryLog::has_alert( $this->ours ) );
		$this->assertTrue( DeliveryLog::has_alert( $second ) );

		wc_get_webhook( $second )->delete( true );
		$this->assertFalse( DeliveryLog::has_alert( $second ) );
		$this->assertSame( '', $this->output_of( array( $monitor, 'show_notice' ) ) );
	}

	/**
	 * Forgetting a deleted webhook drops both the alert and the last delivery of a deleted webhook.
	 */
	public function test_forget(): void {
		DeliveryLog::record( $this->ours, 'test', 200, true, '', 0.01 );
		( new DeliveryMonitor() )->record_disabled( $this->ours );
		DeliveryLog::forget( $this->ours );
		$this->assertArrayNotHasKey( $this->ours, DeliveryLog::last_deliveries() );
		$this->assertFalse( DeliveryLog::has_alert( $this->ours ) );
	}
}
