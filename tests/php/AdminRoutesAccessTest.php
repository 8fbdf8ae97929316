<?php
/**
 * Who may call the admin routes (flashnode/v1): shop managers only, every route and method.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Rest\AdminController;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * 401 for visitors, 403 for logged-in users without manage_woocommerce, and nothing happens for either.
 */
final class AdminRoutesAccessTest extends RestTestCase {

	/**
	 * Every route and method with a body that passes validation, so the permission check is what answers
	 * (WordPress validates arguments before it asks the permission callback).
	 *
	 * @return array<string,array{0:string,1:string,2:array<string,mixed>}>
	 */
	public function routes(): array {
		$valid_url = self::REMOTE_CALLBACK;
		$link      = array(
			'service_name' => self::MARKER,
			'callback_url' => $valid_url,
			'return_url'   => $valid_url,
			'webhook_url'  => $valid_url,
		);
		return array(
			'GET readiness'         => array( 'GET', '/readiness', array() ),
			'POST readiness fix'    => array( 'POST', '/readiness/fixes/permalinks', array() ),
			'DELETE readiness fix'  => array( 'DELETE', '/readiness/fixes/authorization_header', array() ),
			'GET site health test'  => array( 'GET', '/readiness/site-health/flashnode-permalinks', array() ),
			'GET settings'          => array( 'GET', '/settings', array() ),
			'POST settings'         => array( 'POST', '/settings', array( 'api_mode' => 'rest_v3' ) ),
			'PUT settings'          => array( 'PUT', '/settings', array( 'keep_connection_on_uninstall' => true ) ),
			'PATCH settings'        => array( 'PATCH', '/settings', array( 'order_statuses' => array( 'completed' ) ) ),
			'GET keys'              => array( 'GET', '/keys', array() ),
			'POST keys'             => array( 'POST', '/keys', array( 'description' => self::MARKER ) ),
			'DELETE key'            => array( 'DELETE', '/keys/999999', array() ),
			'GET connection'        => array( 'GET', '/connection', array() ),
			'POST connection'       => array(
				'POST',
				'/connection',
				array(
					'callback_url' => $valid_url,
					'description'  => self::MARKER,
				),
			),
			'DELETE connection'     => array( 'DELETE', '/connection', array() ),
			'GET proposal'          => array( 'GET', '/connection/proposal', $link ),
			'POST approve'          => array( 'POST', '/connection/approve', $link ),
			'POST deny'             => array( 'POST', '/connection/deny', $link ),
			'POST own user'         => array( 'POST', '/connection/own-user', array( 'id' => 'erp-example' ) ),
			'GET webhooks'          => array( 'GET', '/webhooks', array() ),
			'POST webhooks'         => array(
				'POST',
				'/webhooks',
				array(
					'delivery_url' => $valid_url,
					'name'         => self::MARKER,
				),
			),
			'DELETE webhook'        => array( 'DELETE', '/webhooks/999999', array() ),
			'POST webhook test'     => array( 'POST', '/webhooks/999999/test', array() ),
			'POST webhook enable'   => array( 'POST', '/webhooks/999999/enable', array() ),
			'GET order flow'        => array( 'GET', '/order-flow', array() ),
			'GET deliveries'        => array( 'GET', '/deliveries', array() ),
			'POST deliveries retry' => array( 'POST', '/deliveries/some-service/retry', array() ),
		);
	}

	/**
	 * Visitors get 401 and nothing is created, changed or sent.
	 *
	 * @dataProvider routes
	 *
	 * @param string              $method HTTP method.
	 * @param string              $route  Route.
	 * @param array<string,mixed> $params Valid parameters.
	 */
	public function test_anonymous_gets_401( string $method, string $route, array $params ): void {
		$this->assert_refused( 0, 401, $method, $route, $params );
	}

	/**
	 * Logged-in users without manage_woocommerce (a customer) get 403 and nothing happens.
	 *
	 * @dataProvider routes
	 *
	 * @param string              $method HTTP method.
	 * @param string              $route  Route.
	 * @param array<string,mixed> $params Valid parameters.
	 */
	public function test_customer_gets_403( string $method, string $route, array $params ): void {
		$this->assert_refused( $this->create_user( 'customer' ), 403, $method, $route, $params );
	}

	/**
	 * The list above covers every route and method the plugin registers under flashnode/v1, and each of them
	 * uses the shop-manager permission callback.
	 */
	public function test_every_admin_route_is_covered_and_guarded(): void {
		$covered = array();
		foreach ( $this->routes() as $case ) {
			$covered[] = $case[0] . ' ' . $case[1];
		}
		$samples    = array(
			'/flashnode/v1/readiness/fixes/(?P<id>[a-z_]+)' => '/readiness/fixes/',
			'/flashnode/v1/readiness/site-health/(?P<test>flashnode-[a-z-]+)' => '/readiness/site-health/',
			'/flashnode/v1/keys/(?P<id>\d+)'     => '/keys/999999',
			'/flashnode/v1/webhooks/(?P<id>\d+)' => '/webhooks/999999',
			'/flashnode/v1/webhooks/(?P<id>\d+)/(?P<action>test|enable)' => '/webhooks/999999/',
			'/flashnode/v1/deliveries/(?P<id>[a-z0-9_-]{1,200})/retry' => '/deliveries/some-service/retry',
		);
		$registered = 0;
		foreach ( rest_get_server()->get_routes( AdminController::REST_NAMESPACE ) as $pattern => $handlers ) {
			if ( '/' . AdminController::REST_NAMESPACE === $pattern ) {
				continue; // The namespace index WordPress adds.
			}
			foreach ( $handlers as $handler ) {
				$this->assertSame( array( AdminController::class, 'check_permission' ), $handler['permission_callback'], $pattern );
				foreach ( array_keys( $handler['methods'] ) as $method ) {
					$sample = $samples[ $pattern ] ?? substr( $pattern, strlen( '/' . AdminController::REST_NAMESPACE ) );
					$found  = array_filter(
						$covered,
						static function ( string $case ) use ( $method, $sample ): bool {
							return 0 === strpos( $case, $method . ' ' . $sample );
						}
					);
					$this->assertNotEmpty( $found, "Not covered by the access tests: $method $pattern" );
					++$registered;
				}
			}
		}
		$this->assertGreaterThanOrEqual( 15, $registered, 'The readiness, settings, keys, connection and webhook routes are all registered.' );
	}

	/**
	 * Every admin route describes its answers: OPTIONS (and the REST index) carry the controller's schema, and
	 * each field a GET route answers is in it.
	 */
	public function test_every_admin_route_describes_its_answers(): void {
		$described = 0;
		foreach ( rest_get_server()->get_routes( AdminController::REST_NAMESPACE ) as $pattern => $handlers ) {
			if ( '/' . AdminController::REST_NAMESPACE === $pattern ) {
				continue;
			}
			// What the REST index (?context=help) and OPTIONS answer for the route.
			$schema = rest_get_server()->get_data_for_route( $pattern, $handlers, 'help' )['schema'] ?? null;
			$this->assertIsArray( $schema, "$pattern carries a schema." );
			$this->assertSame( 'object', $schema['type'], $pattern );
			$this->assertNotEmpty( $schema['properties'], $pattern );
			++$described;
		}
		$this->assertGreaterThanOrEqual( 8, $described );
		foreach ( array( '/readiness', '/settings', '/keys', '/connection', '/webhooks' ) as $route ) {
			$schema = $this->assertRestSuccess( 200, $this->call( 'OPTIONS', $route ) )['schema'];
			$answer = $this->assertRestSuccess( 200, $this->call( 'GET', $route ) );
			$this->assertSame( array(), array_diff( array_keys( $answer ), array_keys( $schema['properties'] ) ), "Every field of GET $route is described." );
		}
	}

	/**
	 * A shop manager (not an administrator) may use the routes.
	 */
	public function test_shop_manager_may_use_the_routes(): void {
		wp_set_current_user( $this->create_user( 'shop_manager' ) );
		$this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) );
		$this->assertRestSuccess( 200, $this->call( 'GET', '/webhooks' ) );
		$this->assertRestSuccess( 200, $this->call( 'GET', '/settings' ) );
		$this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) );
	}

	/**
	 * Calls a route as a user who may not and checks that nothing happened.
	 *
	 * @param int                 $user_id User (0: visitor).
	 * @param int                 $status  Expected status.
	 * @param string              $method  HTTP method.
	 * @param string              $route   Route.
	 * @param array<string,mixed> $params  Valid parameters.
	 */
	private function assert_refused( int $user_id, int $status, string $method, string $route, array $params ): void {
		$settings = Settings::all();
		$keys     = ApiKeys::ids();
		$webhooks = WebhookRegistry::ids();
		$this->answer_outbound( self::http_response( 200 ) );
		if ( 'GET' !== $method && in_array( $route, array( '/keys', '/connection', '/webhooks', '/connection/approve', '/connection/own-user' ), true ) ) {
			$params['request_id'] = $this->request_id();
		}

		wp_set_current_user( $user_id );
		$response = $this->call( $method, $route, $params );

		$this->assertRestError( $status, 'flashnode_forbidden', $response );
		$this->assertSame( $settings, Settings::all() );
		$this->assertSame( $keys, ApiKeys::ids() );
		$this->assertSame( $webhooks, WebhookRegistry::ids() );
		$this->assertSame( 0, $this->count_new_rows( 'keys' ) );
		$this->assertSame( 0, $this->count_new_rows( 'webhooks' ) );
		$this->assertSame( array(), $this->outbound, 'Nothing was sent anywhere.' );
		$this->assertSame( array( 'status' => $status ), $response->get_data()['data'], 'No details beyond the status.' );
	}
}
