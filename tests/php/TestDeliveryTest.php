<?php
/**
 * The page's "Send test" (Webhooks\TestDelivery), sent for real to the local shop itself (its front page
 * answers 200): what goes out, observed after WordPress sent it (http_api_debug).
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Webhooks\DeliveryLog;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * The test delivery is signed like a real one, carries the newest order (or product), and a sample when the
 * shop has none.
 */
final class TestDeliveryTest extends RestTestCase {

	/**
	 * Requests WordPress sent: url and arguments.
	 *
	 * @var array<int,array{url:string,args:array<string,mixed>}>
	 */
	private $sent = array();

	/**
	 * Orders and products the test created.
	 *
	 * @var \WC_Data[]
	 */
	private $created = array();

	/**
	 * Watches what WordPress sends.
	 */
	protected function setUp(): void {
		parent::setUp();
		add_action( 'http_api_debug', array( $this, 'record_sent' ), 10, 5 );
	}

	/**
	 * Stops watching; deletes what the test created.
	 */
	protected function tearDown(): void {
		remove_action( 'http_api_debug', array( $this, 'record_sent' ), 10 );
		remove_filter( 'woocommerce_order_query', '__return_empty_array' );
		foreach ( $this->created as $object ) {
			$object->delete( true );
		}
		parent::tearDown();
	}

	/**
	 * Records a request WordPress sent.
	 *
	 * @param mixed  $response Response.
	 * @param string $context  "response".
	 * @param string $class    Transport class.
	 * @param mixed  $args     Request arguments.
	 * @param string $url      URL.
	 */
	public function record_sent( $response, $context, $class, $args, $url ): void {
		$this->sent[] = array(
			'url'  => (string) $url,
			'args' => (array) $args,
		);
	}

	/**
	 * Registers one webhook to the shop's own front page and sends its test delivery.
	 *
	 * @param string $topic Topic.
	 * @return array{webhook:\WC_Webhook,secret:string,headers:array<string,string>,body:string}
	 */
	private function send_test( string $topic ): array {
		$registered = WebhookRegistry::register( home_url( '/?flashnode-php-test=receiver' ), array( $topic ), self::MARKER );
		$webhook    = WebhookRegistry::find( $registered['created'][0] );
		$this->assertNotNull( $webhook );
		$this->sent = array();
		$this->assertTrue( WebhookRegistry::test( $webhook ) );
		$this->assertCount( 1, $this->sent, 'One request went out.' );
		$args = $this->sent[0]['args'];
		$this->assertSame( $webhook->get_delivery_url(), $this->sent[0]['url'] );
		$this->assertSame( 0, $args['redirection'] );
		$this->assertSame( 'POST', $args['method'] );
		return array(
			'webhook' => $webhook,
			'secret'  => (string) $registered['secret'],
			'headers' => array_map( 'strval', $args['headers'] ),
			'body'    => (string) $args['body'],
		);
	}

	/**
	 * Signature (computed here, independently of WooCommerce), WooCommerce's headers and the test marker.
	 *
	 * @param array{webhook:\WC_Webhook,secret:string,headers:array<string,string>,body:string} $sent What went out.
	 * @param string                                                                            $topic Topic.
	 */
	private function assertSignedLikeADelivery( array $sent, string $topic ): void {
		$headers = $sent['headers'];
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
		$this->assertSame( base64_encode( hash_hmac( 'sha256', $sent['body'], $sent['secret'], true ) ), $headers['X-WC-Webhook-Signature'] );
		$this->assertSame( '1', $headers['X-Flashnode-Test'] );
		$this->assertSame( 'application/json', $headers['Content-Type'] );
		$this->assertSame( home_url( '/' ), $headers['X-WC-Webhook-Source'] );
		$this->assertSame( $topic, $headers['X-WC-Webhook-Topic'] );
		$this->assertSame( explode( '.', $topic ), array( $headers['X-WC-Webhook-Resource'], $headers['X-WC-Webhook-Event'] ) );
		$this->assertSame( (string) $sent['webhook']->get_id(), $headers['X-WC-Webhook-ID'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{32}$/', $headers['X-WC-Webhook-Delivery-ID'] );
		$delivery = DeliveryLog::last_deliveries()[ $sent['webhook']->get_id() ];
		$this->assertSame( array( 'test', true, 200 ), array( $delivery['kind'], $delivery['ok'], $delivery['response_code'] ) );
	}

	/**
	 * With orders in the shop, the newest one, as WooCommerce builds the webhook's payload (REST API v3).
	 */
	public function test_the_newest_order_as_the_webhook_payload(): void {
		$order = wc_create_order();
		$order->set_billing_email( 'php-test@example.test' );
		$order->set_status( 'processing' );
		$order->save();
		$this->created[] = $order;

		$sent = $this->send_test( 'order.updated' );
		$this->assertSignedLikeADelivery( $sent, 'order.updated' );
		$body = json_decode( $sent['body'], true );
		$this->assertSame( $order->get_id(), $body['id'] );
		$this->assertSame( 'processing', $body['status'] );
		$this->assertSame( 'php-test@example.test', $body['billing']['email'] );
		$this->assertArrayHasKey( 'line_items', $body );
	}

	/**
	 * A product topic carries the newest product.
	 */
	public function test_a_product_topic_carries_the_newest_product(): void {
		$product = new \WC_Product_Simple();
		$product->set_name( self::MARKER . ' product' );
		$product->set_regular_price( '9.50' );
		$product->save();
		$this->created[] = $product;

		$sent = $this->send_test( 'product.updated' );
		$this->assertSignedLikeADelivery( $sent, 'product.updated' );
		$body = json_decode( $sent['body'], true );
		$this->assertSame( $product->get_id(), $body['id'] );
		$this->assertSame( '9.50', $body['regular_price'] );
	}

	/**
	 * A shop without orders (as the order query sees it here) gets a signed sample that says what it is.
	 */
	public function test_a_signed_sample_when_the_shop_has_no_order(): void {
		add_filter( 'woocommerce_order_query', '__return_empty_array' );
		$sent = $this->send_test( 'order.created' );
		$this->assertSignedLikeADelivery( $sent, 'order.created' );
		$body = json_decode( $sent['body'], true );
		$this->assertSame( 'sample', $body['flashnode_test'] );
		$this->assertSame( $sent['webhook']->get_id(), $body['webhook_id'] );
		$this->assertSame( 'order.created', $body['topic'] );
		$this->assertArrayNotHasKey( 'id', $body );
	}
}
