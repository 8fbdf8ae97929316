<?php
/**
 * The check of a webhook's destination right before each delivery.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Webhooks\DeliveryLog;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * WooCommerce's deliveries of the plugin's webhooks go through the guard the plugin hooks into
 * woocommerce_webhook_http_args; the page's test delivery checks the URL itself.
 */
final class DeliveryGuardTest extends RestTestCase {

	/**
	 * URLs WordPress's HTTP API was asked to send to (and answered 200 in their place).
	 *
	 * @var string[]
	 */
	private $sent = array();

	/**
	 * Stands in for the network after the guard (priority 1) had its say: records what would really be sent.
	 */
	protected function setUp(): void {
		parent::setUp();
		add_filter( 'pre_http_request', array( $this, 'record_send' ), 10, 3 );
	}

	/**
	 * Removes the stand-in.
	 */
	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'record_send' ), 10 );
		parent::tearDown();
	}

	/**
	 * A request the guard let through is recorded and answered 200; a refusal is passed on.
	 *
	 * @param mixed  $pre  False, or an earlier filter's answer.
	 * @param mixed  $args Request arguments.
	 * @param string $url  URL.
	 * @return mixed
	 */
	public function record_send( $pre, $args, $url ) {
		if ( false !== $pre ) {
			return $pre;
		}
		$this->sent[] = (string) $url;
		return self::http_response( 200 );
	}

	/**
	 * A webhook registered to a public address whose URL later points at the cloud metadata address (edited in
	 * WooCommerce's screen here; a DNS change has the same effect): neither a delivery nor the page's test
	 * delivery is sent there, and the reason is recorded. Other plugins' webhooks are not the guard's business.
	 */
	public function test_a_delivery_url_that_no_longer_passes_is_not_sent_to(): void {
		$ours = wc_get_webhook( WebhookRegistry::register( 'https://203.0.113.10/hooks', array( 'order.created' ), self::MARKER )['created'][0] );
		// A new webhook is "pending" until its first ping, and WooCommerce pings it again on every save till then.
		$this->assertTrue( $ours->deliver_ping() );
		$this->sent = array();
		$ours->deliver( 0 );
		$this->assertSame( array( 'https://203.0.113.10/hooks' ), $this->sent );

		$metadata = 'https://169.254.169.254/latest/meta-data/';
		$ours->set_delivery_url( $metadata );
		$ours->save(); // WooCommerce pings a changed URL here; recent versions let the guard stop that ping too.
		$this->sent = array();
		$ours->deliver( 0 );
		$this->assertSame( array(), $this->sent, 'The delivery did not go to the metadata address.' );
		$delivery = DeliveryLog::last_deliveries()[ $ours->get_id() ];
		$this->assertFalse( $delivery['ok'] );
		$this->assertStringContainsString( 'private, loopback or reserved', $delivery['error'] );

		$test = WebhookRegistry::test( $ours );
		$this->assertInstanceOf( \WP_Error::class, $test );
		$this->assertStringContainsString( 'private, loopback or reserved', $test->get_error_message() );
		$this->assertSame( array(), $this->sent, 'Nor did the test delivery.' );

		// The refusal was for that one request: the next delivery to a good address goes out.
		$ours->set_delivery_url( 'https://203.0.113.10/hooks' );
		$ours->save();
		$this->sent = array();
		$ours->deliver( 0 );
		$this->assertSame( array( 'https://203.0.113.10/hooks' ), $this->sent );

		$foreign    = $this->create_foreign_webhook( $metadata );
		$this->sent = array();
		$foreign->deliver( 0 );
		$this->assertSame( array( $metadata ), $this->sent );
	}
}
