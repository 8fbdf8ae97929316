<?php
/**
 * KeyAuthentication's two filters, called as WordPress calls them with WooCommerce's refusals.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Integrator\KeyAuthentication;

/**
 * The same refusals over real HTTP, where WooCommerce produces them, are in tests/e2e/health.spec.ts,
 * health-auth.spec.ts and hostile-input-feed.spec.ts; here each route's translation is seen side by side.
 */
final class KeyAuthenticationTest extends FeedTestCase {

	/**
	 * WooCommerce's refusal of a key lacking the method's permission becomes the route's own code; for a method the
	 * route lacks it is dropped, so WordPress answers its 404 whatever the key (the health route included).
	 */
	public function test_a_key_lacking_permission_gets_the_routes_code(): void {
		$cases = array(
			array( 'write', 'GET', '/wc-flashnode/v1/health', 401, 'flashnode_health_key_cannot_read' ),
			array( 'write', 'GET', '/wc-flashnode/v1/changes', 403, 'flashnode_feed_key_cannot_read' ),
			array( 'write', 'GET', '/WC-FLASHNODE/v1/CHANGES', 403, 'flashnode_feed_key_cannot_read' ),
			array( 'read', 'POST', '/wc-flashnode/v1/acks', 403, 'flashnode_acks_key_cannot_write' ),
			array( 'read', 'PUT', '/wc-flashnode/v1/connection', 403, 'flashnode_connection_key_cannot_write' ),
			array( 'read', 'GET', '/wc-flashnode/v1/connection', 0, '' ),
			array( 'read', 'POST', '/wc-flashnode/v1/health', 0, '' ),
			array( 'read', 'POST', '/wc-flashnode/v1/changes', 0, '' ),
			array( 'write', 'GET', '/wc-flashnode/v1/acks', 0, '' ),
		);
		foreach ( $cases as list( $permissions, $method, $route, $status, $code ) ) {
			$this->present_key( $permissions );
			$answer = KeyAuthentication::before_dispatch( self::woocommerce_refusal(), rest_get_server(), new \WP_REST_Request( $method, $route ) );
			$name   = "$permissions key, $method $route";
			if ( 0 === $status ) {
				$this->assertNull( $answer, $name );
				continue;
			}
			$this->assertInstanceOf( \WP_Error::class, $answer, $name );
			$this->assertSame( $code, $answer->get_error_code(), $name );
			$this->assertSame( array( 'status' => $status ), $answer->get_error_data(), $name );
		}
	}

	/**
	 * Other routes and other answers pass untouched.
	 */
	public function test_other_routes_and_answers_pass(): void {
		$this->present_key( 'write' );
		$refusal = self::woocommerce_refusal();
		$this->assertSame( $refusal, KeyAuthentication::before_dispatch( $refusal, rest_get_server(), new \WP_REST_Request( 'GET', '/wc/v3/orders' ) ) );
		$this->assertSame( $refusal, KeyAuthentication::before_dispatch( $refusal, rest_get_server(), new \WP_REST_Request( 'GET', '/wc-flashnode/v1/nope' ) ) );
		$other = new \WP_Error( 'rest_forbidden', 'No.', array( 'status' => 403 ) );
		$this->assertSame( $other, KeyAuthentication::before_dispatch( $other, rest_get_server(), new \WP_REST_Request( 'GET', '/wc-flashnode/v1/changes' ) ) );
		$this->assertNull( KeyAuthentication::before_dispatch( null, rest_get_server(), new \WP_REST_Request( 'GET', '/wc-flashnode/v1/changes' ) ) );
	}

	/**
	 * A wrong secret or signature (WooCommerce's refusal before dispatch) becomes each route's 401; every answer of
	 * the namespace, the index included, is no-store, and nothing else is.
	 */
	public function test_after_dispatch_explains_refusals_and_marks_no_store(): void {
		$expected = array(
			'/wc-flashnode/v1/health'  => 'flashnode_health_invalid_key',
			'/wc-flashnode/v1/changes' => 'flashnode_feed_invalid_key',
			'/wc-flashnode/v1/acks'    => 'flashnode_acks_invalid_key',
		);
		foreach ( $expected as $route => $code ) {
			$response = KeyAuthentication::after_dispatch( rest_convert_error_to_response( self::woocommerce_refusal() ), rest_get_server(), new \WP_REST_Request( 'GET', $route ) );
			$this->assertSame( 401, $response->get_status(), $route );
			$this->assertSame( $code, $response->get_data()['code'], $route );
			$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] ?? '', $route );
		}
		$missing = new \WP_Error( 'woocommerce_rest_authentication_missing_parameter', 'Missing.', array( 'status' => 401 ) );
		$health  = KeyAuthentication::after_dispatch( rest_convert_error_to_response( $missing ), rest_get_server(), new \WP_REST_Request( 'GET', '/wc-flashnode/v1/health' ) );
		$this->assertSame( 'flashnode_health_oauth_incomplete', $health->get_data()['code'] );

		$index = KeyAuthentication::after_dispatch( new \WP_REST_Response( array() ), rest_get_server(), new \WP_REST_Request( 'GET', '/wc-flashnode/v1' ) );
		$this->assertSame( 'no-store', $index->get_headers()['Cache-Control'] ?? '' );
		$other = KeyAuthentication::after_dispatch( new \WP_REST_Response( array() ), rest_get_server(), new \WP_REST_Request( 'GET', '/wc-flashnode/v10' ) );
		$this->assertArrayNotHasKey( 'Cache-Control', $other->get_headers() );
	}

	/**
	 * WooCommerce's refusal, as WC_REST_Authentication builds it (its message is translated; only the code counts).
	 */
	private static function woocommerce_refusal(): \WP_Error {
		return new \WP_Error( 'woocommerce_rest_authentication_error', 'Anything.', array( 'status' => 401 ) );
	}
}
