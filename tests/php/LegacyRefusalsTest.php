<?php
/**
 * The Legacy API's (wc-api/v3) refusals of a service's requests land on its connection's card, as wc/v3's do.
 *
 * The Legacy API's server hands each answer to woocommerce_api_serve_request; here that filter is applied with the
 * arguments the server gives it (its path and method, the error list it prints). The real server, with the
 * Legacy REST API plugin active, is tests/e2e/connection-scopes.spec.ts's.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Refusals;

/**
 * Capability refusals by the service user, key-permission refusals by the presented key; nothing else.
 */
final class LegacyRefusalsTest extends FeedTestCase {

	/**
	 * The refusals option before the test.
	 *
	 * @var mixed
	 */
	private $saved_refusals;

	/**
	 * A connection with a read key (orders:read only), handed over through the real hand-off.
	 *
	 * @var array<string,mixed>
	 */
	private $handoff = array();

	/**
	 * Connects a service (the service is simulated at the outbound boundary).
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->saved_refusals = get_option( Refusals::OPTION, null );
		delete_option( Connections::OPTION );
		delete_option( Refusals::OPTION );
		$this->answer_outbound( self::http_response( 200 ) );
		$this->assertRestSuccess(
			201,
			$this->call(
				'POST',
				'/connection',
				array(
					'request_id'   => $this->request_id(),
					'callback_url' => self::REMOTE_CALLBACK,
					'scopes'       => 'orders:read',
				)
			)
		);
		$this->handoff = json_decode( (string) $this->outbound[0]['args']['body'], true );
	}

	/**
	 * Restores the refusals.
	 */
	protected function tearDown(): void {
		if ( null === $this->saved_refusals ) {
			delete_option( Refusals::OPTION );
		} else {
			update_option( Refusals::OPTION, $this->saved_refusals, false );
		}
		parent::tearDown();
	}

	/**
	 * What the Legacy API's server passes to the filter: itself (path, method) and the answer.
	 *
	 * @param string $method HTTP method.
	 * @param string $path   Path below /wc-api/v3.
	 * @param string $code   Error code of the answer.
	 * @return mixed What the filter returned.
	 */
	private static function serve( string $method, string $path, string $code ) {
		$server         = new \stdClass();
		$server->method = $method;
		$server->path   = $path;
		$answer         = array(
			'errors' => array(
				array(
					'code'    => $code,
					'message' => 'You do not have permission',
				),
			),
		);
		return apply_filters( 'woocommerce_api_serve_request', false, $answer, $server );
	}

	/**
	 * A capability refusal of the service user, and a key-permission refusal of its read key, are both noted with
	 * the scope that would allow the call; the answer is left to the server.
	 */
	public function test_refusals_of_a_service_are_noted(): void {
		wp_set_current_user( (int) $this->handoff['user_id'] );
		$this->assertFalse( self::serve( 'GET', '/products/count', 'woocommerce_api_user_cannot_read_products_count' ) );

		// A read key writing: the Legacy API sets no user; the presented key names the connection.
		wp_set_current_user( 0 );
		$_SERVER['PHP_AUTH_USER'] = $this->handoff['consumer_key'];
		self::serve( 'PUT', '/orders/12', 'woocommerce_api_authentication_error' );

		$this->assertSame(
			array(
				array( 'PUT', '/wc-api/v3/orders/12', 'woocommerce_api_authentication_error', 'orders:write' ),
				array( 'GET', '/wc-api/v3/products/count', 'woocommerce_api_user_cannot_read_products_count', 'products:read' ),
			),
			array_map(
				static function ( array $refusal ): array {
					return array( $refusal['method'], $refusal['route'], $refusal['code'], $refusal['needs'] );
				},
				Refusals::of( '203-0-113-10' )
			)
		);
		wp_set_current_user( $this->admin_id );
		$card = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) )['connections'][0];
		$this->assertSame( '/wc-api/v3/orders/12', $card['refusals'][0]['route'] );
	}

	/**
	 * Not noted: a wrong secret (the key's permission covers the method), other errors, answers that are no
	 * errors, and refusals of anyone who is not a service (the owner, a key made by hand).
	 */
	public function test_other_answers_are_not_noted(): void {
		$_SERVER['PHP_AUTH_USER'] = $this->handoff['consumer_key'];
		wp_set_current_user( 0 );
		self::serve( 'GET', '/orders', 'woocommerce_api_authentication_error' );
		wp_set_current_user( (int) $this->handoff['user_id'] );
		self::serve( 'GET', '/orders/999999', 'woocommerce_api_no_order_found' );
		$this->assertFalse( apply_filters( 'woocommerce_api_serve_request', false, array( 'orders' => array() ), new \stdClass() ) );
		wp_set_current_user( $this->admin_id );
		self::serve( 'GET', '/reports/sales', 'woocommerce_api_user_cannot_read_report' );
		$this->present_key( 'read' );
		wp_set_current_user( 0 );
		self::serve( 'PUT', '/orders/12', 'woocommerce_api_authentication_error' );
		$this->assertSame( array(), Refusals::of( '203-0-113-10' ) );
	}
}
