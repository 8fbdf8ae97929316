<?php
/**
 * The check of a webhook's destination right before each delivery.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * WooCommerce's own sends (deliver_ping(), deliver()) of the plugin's webhooks go through the guard the plugin
 * hooks into woocommerce_webhook_http_args.
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
	 * WooCommerce's screen here; a DNS change has the same effect): nothing is sent there, the reason is given.
	 * Other plugins' webhooks are not the guard's business.
	 */
	public function test_a_delivery_url_that_no_longer_passes_is_not_sent_to(): void {
		$ours = wc_get_webhook( WebhookRegistry::register( 'https://203.0.113.10/hooks', array( 'order.created' ), self::MARKER )['created'][0] );
		$this->assertTrue( $ours->deliver_ping() );
		$this->assertSame( array( 'https://203.0.113.10/hooks' ), $this->sent );

		// WooCommerce pings a changed URL on save: that ping is guarded as well.
		$metadata   = 'https://169.254.169.254/latest/meta-data/';
		$this->sent = array();
		$ours->set_delivery_url( $metadata );
		$ours->save();
		$result = $ours->deliver_ping();
		$this->assertInstanceOf( \WP_Error::class, $result );
		$this->assertStringContainsString( 'private, loopback or reserved', $result->get_error_message() );
		$this->assertSame( array(), $this->sent, 'Nothing went to the metadata address.' );

		// The refusal was for that one request: the next send to a good address goes out.
		$ours->set_delivery_url( 'https://203.0.113.10/hooks' );
		$ours->save();
		$this->sent = array();
		$this->assertTrue( $ours->deliver_ping() );
		$this->assertSame( array( 'https://203.0.113.10/hooks' ), $this->sent );

		$foreign = new \WC_Webhook();
		$foreign->set_name( self::MARKER . ' foreign' );
		$foreign->set_topic( 'order.created' );
		$foreign->set_delivery_url( $metadata );
		$foreign->set_status( 'paused' );
		$foreign->save();
		$this->sent = array();
		$this->assertTrue( $foreign->deliver_ping() );
		$this->assertSame( array( $metadata ), $this->sent );
	}
}
