<?php
/**
 * GET/POST flashnode/v1/connection: the secure hand-off of a new key to the integration service.
 *
 * The remote service is simulated at the outbound boundary only (pre_http_request): the route, the URL checks,
 * the key creation and its revocation all run for real in the shop.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Keys\ApiKeys;

/**
 * The key reaches the service in one JSON POST, or no key is left behind.
 */
final class ConnectionRoutesTest extends RestTestCase {

	/**
	 * GET answers what the connection panel shows.
	 */
	public function test_status_shape(): void {
		$data = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) );
		$this->assertSame( array( 'connections', 'service', 'history', 'last_contact', 'last_authenticated_call', 'recent_calls', 'keys', 'webhooks' ), array_keys( $data ) );
		$this->assertIsArray( $data['recent_calls'] );
		$this->assertLessThanOrEqual( 10, count( $data['recent_calls'] ) );
	}

	/**
	 * 200 from the service: the key stays, the service's answer is stored, and the payload carries exactly the
	 * documented fields (same contract as WooCommerce's wc-auth callback).
	 */
	public function test_accepted_handoff_keeps_the_key_and_stores_the_service_info(): void {
		delete_option( Connections::OPTION );
		$this->answer_outbound(
			self::http_response(
				200,
				(string) wp_json_encode(
					array(
						'polling_interval_minutes' => 5,
						'ip_addresses'             => array( '203.0.113.7', 'not-an-ip', '2001:db8::7' ),
					)
				)
			)
		);
		$response = $this->connect();
		$data     = $this->assertRestSuccess( 201, $response );

		$this->assertCount( 1, $this->outbound );
		$this->assertSame( self::REMOTE_CALLBACK, $this->outbound[0]['url'] );
		$args = $this->outbound[0]['args'];
		$this->assertSame( 'POST', $args['method'] );
		$this->assertSame( 0, $args['redirection'], 'A redirect could carry the secret elsewhere.' );
		$this->assertTrue( $args['reject_unsafe_urls'], 'Sent with wp_safe_remote_post().' );
		$this->assertSame( 'application/json', $args['headers']['Content-Type'] );

		$payload = json_decode( (string) $args['body'], true );
		$this->assertIsArray( $payload );
		$this->assertSame( array( 'site_url', 'consumer_key', 'consumer_secret', 'key_permissions', 'key_id', 'user_id', 'scopes', 'plugin_version', 'webhook_secret', 'webhook_ids', 'topics', 'delivery_format', 'order_statuses', 'api_mode' ), array_keys( $payload ) );
		$this->assertSame( home_url(), $payload['site_url'] );
		$this->assertSame( 'read_write', $payload['key_permissions'] );
		$this->assertNotSame( $this->admin_id, $payload['user_id'], 'The service\'s own user, not the owner.' );
		$this->assertTrue( ServiceUser::is_service_user( (int) $payload['user_id'] ) );
		$this->assertSame( array( 'orders:read', 'orders:write', 'products:read' ), $payload['scopes'] );
		$this->assertSame( FLASHNODE_CONNECTOR_VERSION, $payload['plugin_version'] );

		$row = self::key_row( (int) $payload['key_id'] );
		$this->assertNotNull( $row, 'The key the service accepted is kept.' );
		$this->assertSame( wc_api_hash( $payload['consumer_key'] ), $row['consumer_key'] );
		$this->assertSame( $payload['consumer_secret'], $row['consumer_secret'] );
		$this->assertContains( (int) $payload['key_id'], ApiKeys::ids() );

		$this->assertSame(
			array(
				'connected' => array(
					'connection_id' => '203-0-113-10',
					'key_id'        => (int) $payload['key_id'],
					'truncated_key' => substr( $payload['consumer_key'], -7 ),
					'permissions'   => 'read_write',
					'service_host'  => '203.0.113.10',
					'service_name'  => '203.0.113.10',
					'user_login'    => 'flashnode-203-0-113-10',
					'scopes'        => array( 'orders:read', 'orders:write', 'products:read' ),
					'webhook_ids'   => array(),
					'replaced'      => false,
				),
			),
			$data
		);
		$json = (string) wp_json_encode( $data );
		$this->assertStringNotContainsString( $payload['consumer_secret'], $json, 'The secret goes to the service only.' );
		$this->assertStringNotContainsString( $payload['consumer_key'], $json );

		$service = Connections::for_host( '203.0.113.10' );
		$this->assertNotNull( $service );
		$this->assertSame( 5, $service['polling_interval_minutes'] );
		$this->assertSame( array( '203.0.113.7', '2001:db8::7' ), $service['ip_addresses'] );
		$shown = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) )['service'];
		$this->assertSame( '203-0-113-10', $shown['id'] );
		$this->assertArrayNotHasKey( 'disconnect_url', $shown, 'It may carry the service\'s own token.' );
		$this->assertFalse( $shown['notifies_on_disconnect'] );
		$this->assertSame( 'flashnode-203-0-113-10', $shown['user']['login'] );
		$this->assertSame( array( (int) $payload['key_id'] ), array_column( $shown['keys'], 'key_id' ) );
		$this->assertNull( $shown['keys'][0]['problem'], 'A service user holding its scopes is no problem.' );
	}

	/**
	 * Anything but 200 (or no answer): 424, and the key is deleted again.
	 *
	 * @dataProvider failed_answers
	 *
	 * @param callable $answer Builds the simulated answer.
	 */
	public function test_failed_handoff_revokes_the_key( callable $answer ): void {
		delete_option( Connections::OPTION );
		$keys  = ApiKeys::ids();
		$users = count_users()['avail_roles'][ ServiceUser::ROLE ] ?? 0;
		$this->answer_outbound( $answer() );

		$response = $this->connect();

		$this->assertRestError( 424, 'flashnode_handoff_failed', $response );
		$this->assertStringContainsString( '203.0.113.10', $response->get_data()['message'] );
		$this->assertCount( 1, $this->outbound );
		$payload = json_decode( (string) $this->outbound[0]['args']['body'], true );
		$this->assertNull( self::key_row( (int) $payload['key_id'] ), 'No working key is left behind.' );
		$this->assertSame( $keys, ApiKeys::ids() );
		$this->assertSame( 0, $this->count_keys_since_start() );
		$this->assertSame( array(), Connections::all() );
		$this->assertSame( $users, count_users()['avail_roles'][ ServiceUser::ROLE ] ?? 0, 'Nor the service user.' );
		$this->assertStringNotContainsString( $payload['consumer_secret'], (string) wp_json_encode( $response->get_data() ) );
	}

	/**
	 * Answers of a service that did not take the key.
	 *
	 * @return array<string,array{0:callable}>
	 */
	public function failed_answers(): array {
		return array(
			'HTTP 500'           => array(
				static function () {
					return self::http_response( 500, 'Internal Server Error' );
				},
			),
			'HTTP 401 (expired)' => array(
				static function () {
					return self::http_response( 401 );
				},
			),
			'HTTP 201, not 200'  => array(
				static function () {
					return self::http_response( 201 );
				},
			),
			'redirect'           => array(
				static function () {
					return self::http_response( 302 );
				},
			),
			'connection error'   => array(
				static function () {
					return new \WP_Error( 'http_request_failed', 'cURL error 28: Operation timed out' );
				},
			),
		);
	}

	/**
	 * Callback URLs that must never receive a key: 400 flashnode_invalid_url, no key, nothing sent, and the
	 * request id stays usable.
	 *
	 * @dataProvider invalid_callback_urls
	 *
	 * @param mixed $url Callback URL as sent.
	 */
	public function test_invalid_callback_url_is_refused( $url ): void {
		$this->answer_outbound( self::http_response( 200 ) );
		$request_id = $this->request_id();
		$keys       = ApiKeys::ids();

		$response = $this->connect(
			array(
				'request_id'   => $request_id,
				'callback_url' => $url,
			)
		);

		$this->assertRestError( 400, is_string( $url ) ? 'flashnode_invalid_url' : 'rest_invalid_param', $response );
		$this->assertSame( array(), $this->outbound );
		$this->assertSame( $keys, ApiKeys::ids() );
		$this->assertSame( 0, $this->count_keys_since_start() );
		$this->assertRestSuccess( 201, $this->connect( array( 'request_id' => $request_id ) ) );
	}

	/**
	 * Addresses refused for the hand-off.
	 *
	 * @return array<string,array{0:mixed}>
	 */
	public function invalid_callback_urls(): array {
		return array(
			'plain http'             => array( 'http://203.0.113.10/connect' ),
			'private 10/8'           => array( 'https://10.0.0.1/connect' ),
			'private 192.168/16'     => array( 'https://192.168.1.20/connect' ),
			'private 172.16/12'      => array( 'https://172.16.5.4/connect' ),
			'cloud metadata'         => array( 'https://169.254.169.254/latest/meta-data/' ),
			'10.0.0.1 as a number'   => array( 'https://167772161/connect' ),
			'file'                   => array( 'file:///etc/passwd' ),
			'gopher'                 => array( 'gopher://203.0.113.10:70/_x' ),
			'credentials'            => array( 'https://user:pass@203.0.113.10/connect' ),
			'user name only'         => array( 'https://user@203.0.113.10/connect' ),
			'no host'                => array( 'https:///connect' ),
			'not a URL'              => array( 'connect me please' ),
			'empty'                  => array( '' ),
			'line break'             => array( "https://203.0.113.10/connect\r\nX-Injected: 1" ),
			'port not allowed'       => array( 'https://203.0.113.10:8443/connect' ),
			'unresolvable host'      => array( 'https://flashnode-php-test.invalid/connect' ),
			'number instead of text' => array( 12345 ),
			'list instead of text'   => array( array( self::REMOTE_CALLBACK ) ),
		);
	}

	/**
	 * Missing arguments.
	 */
	public function test_missing_arguments_are_refused(): void {
		$this->answer_outbound( self::http_response( 200 ) );
		$this->assertRestError( 400, 'rest_missing_callback_param', $this->call( 'POST', '/connection', array( 'request_id' => $this->request_id() ) ) );
		$this->assertRestError( 400, 'rest_missing_callback_param', $this->call( 'POST', '/connection', array( 'callback_url' => self::REMOTE_CALLBACK ) ) );
		$this->assertRestError(
			400,
			'flashnode_invalid_connection_link',
			$this->connect( array( 'scopes' => 'everything' ) )
		);
		$this->assertSame( array(), $this->outbound );
		$this->assertSame( 0, $this->count_keys_since_start() );
	}

	/**
	 * Scopes are checked before anything is created or sent; orders:read alone gets a read key.
	 */
	public function test_scopes_are_checked_first(): void {
		$this->answer_outbound( self::http_response( 200 ) );
		$response = $this->connect( array( 'scopes' => 'orders:read,settings:write' ) );
		$this->assertRestError( 400, 'flashnode_invalid_connection_link', $response );
		$this->assertStringContainsString( 'settings:write', $response->get_data()['message'], 'Names the scope.' );
		$this->assertSame( array(), $this->outbound );
		$this->assertSame( 0, $this->count_keys_since_start() );
		$this->assertRestSuccess( 201, $this->connect( array( 'scopes' => 'orders:read' ) ) );
		$this->assertSame( 'read', json_decode( (string) $this->outbound[0]['args']['body'], true )['key_permissions'] );
	}

	/**
	 * A repeated request id gets 409: one key, one hand-off.
	 */
	public function test_duplicate_request_id_hands_off_once(): void {
		$this->answer_outbound( self::http_response( 200 ) );
		$params = array(
			'request_id'   => $this->request_id(),
			'callback_url' => self::REMOTE_CALLBACK,
		);
		$this->assertRestSuccess( 201, $this->call( 'POST', '/connection', $params ) );
		$this->assertRestError( 409, 'flashnode_duplicate_request', $this->call( 'POST', '/connection', $params ) );
		$this->assertCount( 1, $this->outbound );
		$this->assertSame( 1, $this->count_keys_since_start() );
	}

	/**
	 * POST /connection with a fresh request id and the remote callback.
	 *
	 * @param array<string,mixed> $params More or other parameters (null: leave that one out).
	 */
	private function connect( array $params = array() ): \WP_REST_Response {
		$params = $params + array(
			'request_id'   => $this->request_id(),
			'callback_url' => self::REMOTE_CALLBACK,
		);
		return $this->call(
			'POST',
			'/connection',
			array_filter(
				$params,
				static function ( $value ): bool {
					return null !== $value;
				}
			)
		);
	}
}
