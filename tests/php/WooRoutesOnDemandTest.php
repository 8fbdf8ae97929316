<?php
/**
 * WooCommerce's wc/v1–v4 routes on requests to wc-flashnode/v1: set aside, registered when something asks.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Http\WooRoutesOnDemand;

/**
 * Builds a fresh REST server as WordPress does for an HTTP request to a given route (the route WordPress parsed
 * is what WooCommerce and the plugin look at), then restores the process's own server.
 */
final class WooRoutesOnDemandTest extends TestCase {

	/**
	 * The process's REST server and parsed query, restored after each test.
	 *
	 * @var array{0:mixed,1:array<string,mixed>}
	 */
	private $saved;

	/**
	 * Saves what the test replaces.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->saved = array( $GLOBALS['wp_rest_server'] ?? null, $GLOBALS['wp']->query_vars );
	}

	/**
	 * Restores the server and the query.
	 */
	protected function tearDown(): void {
		// A server for no route forgets what the test's servers set aside (and the filter that loads it).
		$this->server_for( '' );
		list( $GLOBALS['wp_rest_server'], $GLOBALS['wp']->query_vars ) = $this->saved;
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	/**
	 * On the feed's request the plugin's routes are there and WooCommerce's are not; an internal request to
	 * wc/v3 (other code may make one) registers wc/v3 on the spot and gets WooCommerce's answer.
	 */
	public function test_woocommerce_routes_wait_on_the_plugins_requests(): void {
		$routes = $this->server_for( '/wc-flashnode/v1/changes' )->get_routes();
		$this->assertArrayHasKey( '/wc-flashnode/v1/changes', $routes );
		$this->assertArrayHasKey( '/wc-flashnode/v1/health', $routes );
		$this->assertArrayNotHasKey( '/wc/v3/orders', $routes );
		$this->assertArrayNotHasKey( '/wc/v2/orders', $routes );

		wp_set_current_user( (int) get_user_by( 'login', 'admin' )->ID );
		$request = new \WP_REST_Request( 'GET', '/wc/v3/orders' );
		$request->set_query_params( array( 'per_page' => '1' ) );
		$response = rest_do_request( $request );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertIsArray( $response->get_data() );
		$routes = rest_get_server()->get_routes();
		$this->assertArrayHasKey( '/wc/v3/orders', $routes );
		$this->assertArrayNotHasKey( '/wc/v2/orders', $routes, 'Only the namespace asked for is registered.' );

		$this->assertSame( 404, rest_do_request( new \WP_REST_Request( 'GET', '/wc/v3/no-such-route' ) )->get_status() );
	}

	/**
	 * Routes are matched without regard to case, as WordPress does; a route in no namespace the server has (a
	 * set-aside controller may register routes in a namespace of its own) loads everything set aside; load()
	 * registers one namespace for code that looks routes up without dispatching.
	 */
	public function test_case_unknown_namespaces_and_load(): void {
		wp_set_current_user( (int) get_user_by( 'login', 'admin' )->ID );
		$this->server_for( '/wc-flashnode/v1/changes' );
		$this->assertSame( 200, rest_do_request( new \WP_REST_Request( 'GET', '/WC/V3/orders' ) )->get_status() );
		$this->assertArrayNotHasKey( '/wc/v2/orders', rest_get_server()->get_routes() );

		$handlers = count( $this->server_for( '/wp/v2/posts' )->get_routes()['/wc/v3/orders'] );
		$this->server_for( '/wc-flashnode/v1/changes' );
		WooRoutesOnDemand::load( 'wc/v3' );
		WooRoutesOnDemand::load( 'wc/v3' );
		$routes = rest_get_server()->get_routes();
		$this->assertCount( $handlers, $routes['/wc/v3/orders'], 'Registered once, as WooCommerce does.' );
		$this->assertArrayNotHasKey( '/wc/v2/orders', $routes );

		$this->assertSame( 404, rest_do_request( new \WP_REST_Request( 'GET', '/no-such-namespace/v1/thing' ) )->get_status() );
		$this->assertArrayHasKey( '/wc/v2/orders', rest_get_server()->get_routes(), 'An unknown namespace loads everything set aside.' );
	}

	/**
	 * Requests to any other namespace, and the index, get WooCommerce's routes as WooCommerce registers them.
	 */
	public function test_other_requests_are_left_alone(): void {
		foreach ( array( '/wp/v2/posts', '/wc/v3/orders', '/' ) as $route ) {
			$this->assertArrayHasKey( '/wc/v3/orders', $this->server_for( $route )->get_routes(), $route );
		}
		$this->assertArrayHasKey( '/wc/v3/orders', $this->server_for( '' )->get_routes(), 'No route parsed (WP-CLI, cron).' );
	}

	/**
	 * A new REST server, built (rest_api_init included) as for an HTTP request to the route.
	 *
	 * @param string $route The route WordPress parsed from the URL, '' for none.
	 */
	private function server_for( string $route ): \WP_REST_Server {
		$GLOBALS['wp']->query_vars['rest_route'] = $route;
		$GLOBALS['wp_rest_server']               = null;
		return rest_get_server();
	}
}
