<?php
/**
 * GET/POST flashnode/v1/keys and DELETE flashnode/v1/keys/{id}, and the ApiKeys helper behind them.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Keys\ApiKeys;

/**
 * Keys are created as WooCommerce creates them, shown once, listed without secrets and revoked for real.
 */
final class KeysRoutesTest extends RestTestCase {

	/**
	 * POST returns the consumer key and secret once; the row is stored as WooCommerce stores keys; GET never
	 * shows the secret or the full consumer key.
	 */
	public function test_create_shows_the_secret_once_and_stores_the_key_like_woocommerce(): void {
		$response = $this->call(
			'POST',
			'/keys',
			array(
				'request_id'  => $this->request_id(),
				'permissions' => 'read',
				'description' => self::MARKER . ' <b>create</b>',
			)
		);
		$key      = $this->assertRestSuccess( 201, $response )['key'];
		$this->assertSame( array( 'key_id', 'user_id', 'consumer_key', 'consumer_secret', 'truncated_key', 'permissions' ), array_keys( $key ) );
		$this->assertMatchesRegularExpression( '/^ck_[0-9a-f]{40}$/', $key['consumer_key'] );
		$this->assertMatchesRegularExpression( '/^cs_[0-9a-f]{40}$/', $key['consumer_secret'] );
		$this->assertSame( substr( $key['consumer_key'], -7 ), $key['truncated_key'] );
		$this->assertSame( $this->admin_id, $key['user_id'] );
		$this->assertSame( 'read', $key['permissions'] );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] ?? null );

		$row = self::key_row( $key['key_id'] );
		$this->assertNotNull( $row );
		$this->assertSame( wc_api_hash( $key['consumer_key'] ), $row['consumer_key'] );
		$this->assertSame( $key['consumer_secret'], $row['consumer_secret'] );
		$this->assertSame( substr( $key['consumer_key'], -7 ), $row['truncated_key'] );
		$this->assertSame( 'read', $row['permissions'] );
		$this->assertSame( (string) $this->admin_id, $row['user_id'] );
		$this->assertSame( self::MARKER . ' create', $row['description'], 'The description is sanitized.' );
		$this->assertContains( $key['key_id'], ApiKeys::ids() );

		$list = $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) );
		$json = (string) wp_json_encode( $list );
		$this->assertStringNotContainsString( $key['consumer_key'], $json );
		$this->assertStringNotContainsString( $key['consumer_secret'], $json );
		$this->assertStringNotContainsString( wc_api_hash( $key['consumer_key'] ), $json );
		$this->assertSame( array( 'keys', 'owners', 'current_user_id' ), array_keys( $list ) );
		$this->assertSame( $this->admin_id, $list['current_user_id'] );
		$this->assertContains( $this->admin_id, array_column( $list['owners'], 'id' ) );
		$listed = $this->find( $list['keys'], $key['key_id'] );
		$this->assertSame(
			array(
				'key_id'          => $key['key_id'],
				'description'     => self::MARKER . ' create',
				'truncated_key'   => $key['truncated_key'],
				'permissions'     => 'read',
				'last_access_utc' => null,
				'user'            => array(
					'id'    => $this->admin_id,
					'name'  => (string) get_userdata( $this->admin_id )->display_name,
					'login' => 'admin',
				),
				'problem'         => null,
			),
			$listed
		);
	}

	/**
	 * WooCommerce's own REST authentication accepts the new key over HTTPS (a real request to the shop), records
	 * its last access, and refuses it once DELETE revoked it.
	 */
	public function test_woocommerce_accepts_the_key_until_it_is_revoked(): void {
		$key = $this->create_key( array( 'description' => self::MARKER . ' auth' ) );
		$this->assertSame( 'read_write', $key['permissions'], 'Order integrations need read_write by default.' );
		$this->assertSame( 200, self::orders_status_with( $key ) );

		$listed = $this->find( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['keys'], $key['key_id'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', (string) $listed['last_access_utc'] );

		$this->assertSame( array( 'revoked' => $key['key_id'] ), $this->assertRestSuccess( 200, $this->call( 'DELETE', '/keys/' . $key['key_id'] ) ) );
		$this->assertNull( self::key_row( $key['key_id'] ) );
		$this->assertNotContains( $key['key_id'], ApiKeys::ids() );
		$this->assertSame( 401, self::orders_status_with( $key ) );

		$this->assertRestError( 404, 'flashnode_key_not_found', $this->call( 'DELETE', '/keys/' . $key['key_id'] ), 'Revoking twice' );
	}

	/**
	 * Without a description the key gets a dated default one.
	 */
	public function test_default_description(): void {
		$key = $this->create_key( array( 'description' => null ) );
		$this->assertStringStartsWith( 'Flashnode – ' . wp_date( 'Y-m-d' ), (string) self::key_row( $key['key_id'] )['description'] );
	}

	/**
	 * Bad input is refused before anything is created.
	 *
	 * @dataProvider bad_key_requests
	 *
	 * @param array<string,mixed> $params Request body (request_id is added unless null).
	 * @param string              $code   Expected error code.
	 */
	public function test_bad_input_is_refused( array $params, string $code ): void {
		if ( ! array_key_exists( 'request_id', $params ) ) {
			$params['request_id'] = $this->request_id();
		} elseif ( null === $params['request_id'] ) {
			unset( $params['request_id'] );
		}
		$keys = ApiKeys::ids();
		$this->assertRestError( 400, $code, $this->call( 'POST', '/keys', $params ) );
		$this->assertSame( $keys, ApiKeys::ids() );
		$this->assertSame( 0, $this->count_new_rows( 'keys' ) );
	}

	/**
	 * Requests the route must refuse.
	 *
	 * @return array<string,array{0:array<string,mixed>,1:string}>
	 */
	public function bad_key_requests(): array {
		$marker = array( 'description' => self::MARKER );
		return array(
			'no request id'           => array( array_merge( $marker, array( 'request_id' => null ) ), 'rest_missing_callback_param' ),
			'request id too short'    => array( array_merge( $marker, array( 'request_id' => 'abc' ) ), 'rest_invalid_param' ),
			'request id with symbols' => array( array_merge( $marker, array( 'request_id' => 'abc def <script>' ) ), 'rest_invalid_param' ),
			'request id not a string' => array( array_merge( $marker, array( 'request_id' => 12345678 ) ), 'rest_invalid_param' ),
			'unknown permission'      => array( array_merge( $marker, array( 'permissions' => 'admin' ) ), 'rest_invalid_param' ),
			'user id not a number'    => array( array_merge( $marker, array( 'user_id' => 'admin' ) ), 'rest_invalid_param' ),
			'user id zero'            => array( array_merge( $marker, array( 'user_id' => 0 ) ), 'rest_invalid_param' ),
			'description not text'    => array( array( 'description' => array( self::MARKER ) ), 'rest_invalid_param' ),
			'description too long'    => array( array( 'description' => self::MARKER . str_repeat( 'x', 190 ) ), 'rest_invalid_param' ),
			'unknown user'            => array( array_merge( $marker, array( 'user_id' => 99999999 ) ), 'flashnode_invalid_key_owner' ),
		);
	}

	/**
	 * The owner must be able to manage WooCommerce; a refused request does not use up its request id.
	 */
	public function test_owner_must_manage_woocommerce(): void {
		$request_id = $this->request_id();
		$customer   = $this->create_user( 'customer' );
		$this->assert_owner_refused( $customer, $request_id );
		$this->assertNotContains( $customer, array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['owners'], 'id' ) );

		$key = $this->create_key( array( 'request_id' => $request_id ) );
		$this->assertSame( $this->admin_id, $key['user_id'] );
	}

	/**
	 * A shop manager cannot mint a key acting as an administrator (WooCommerce's rule: only users they may edit).
	 */
	public function test_shop_manager_cannot_create_an_administrators_key(): void {
		$manager = $this->create_user( 'shop_manager' );
		wp_set_current_user( $manager );

		$owners = array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['owners'], 'id' );
		$this->assertContains( $manager, $owners );
		$this->assertNotContains( $this->admin_id, $owners );

		$this->assert_owner_refused( $this->admin_id, $this->request_id() );
		$key = $this->create_key();
		$this->assertSame( $manager, $key['user_id'] );
	}

	/**
	 * A repeated request id (double click, retry) gets 409 and no second key.
	 */
	public function test_duplicate_request_id_creates_one_key(): void {
		$params = array(
			'request_id'  => $this->request_id(),
			'description' => self::MARKER,
		);
		$this->assertRestSuccess( 201, $this->call( 'POST', '/keys', $params ) );
		$keys     = ApiKeys::ids();
		$response = $this->call( 'POST', '/keys', $params );
		$this->assertRestError( 409, 'flashnode_duplicate_request', $response );
		$this->assertArrayNotHasKey( 'key', (array) $response->get_data() );
		$this->assertSame( $keys, ApiKeys::ids() );
		$this->assertSame( 1, $this->count_new_rows( 'keys' ) );
	}

	/**
	 * A key whose owner lost manage_woocommerce is flagged in the list (WooCommerce then refuses most requests).
	 */
	public function test_key_of_an_owner_who_lost_the_capability_is_flagged(): void {
		$manager = $this->create_user( 'shop_manager' );
		$key     = $this->create_key( array( 'user_id' => $manager ) );
		$this->assertSame( $manager, $key['user_id'] );
		$this->assertNull( $this->find( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['keys'], $key['key_id'] )['problem'] );

		( new \WP_User( $manager ) )->set_role( 'customer' );
		$listed = $this->find( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['keys'], $key['key_id'] );
		$this->assertSame( ApiKeys::PROBLEM_OWNER_LACKS_CAPABILITY, $listed['problem'] );
		$this->assertSame( $manager, $listed['user']['id'] );
	}

	/**
	 * A key whose owner no longer exists is flagged too (WooCommerce deletes a user's keys with the user, so
	 * this is a key row left behind by other means).
	 */
	public function test_key_of_a_missing_owner_is_flagged(): void {
		$key = ApiKeys::create( 99999999, 'read', self::MARKER . ' orphan' );
		$this->assertIsArray( $key );
		$listed = $this->find( ApiKeys::all(), $key['key_id'] );
		$this->assertSame( ApiKeys::PROBLEM_OWNER_DELETED, $listed['problem'] );
		$this->assertSame(
			array(
				'id'    => 99999999,
				'name'  => '',
				'login' => '',
			),
			$listed['user']
		);
	}

	/**
	 * Keys deleted in WooCommerce's own screen disappear from the list and cannot be revoked again.
	 */
	public function test_keys_deleted_elsewhere_are_forgotten(): void {
		global $wpdb;
		$key = $this->create_key();
		$wpdb->delete( $wpdb->prefix . 'woocommerce_api_keys', array( 'key_id' => $key['key_id'] ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- as WooCommerce's key screen does.

		$this->assertNotContains( $key['key_id'], array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['keys'], 'key_id' ) );
		$this->assertNotContains( $key['key_id'], ApiKeys::ids() );
		$this->assertRestError( 404, 'flashnode_key_not_found', $this->call( 'DELETE', '/keys/' . $key['key_id'] ) );
	}

	/**
	 * DELETE refuses bad ids and leaves keys the plugin did not create alone.
	 */
	public function test_delete_refuses_bad_ids_and_foreign_keys(): void {
		$foreign = $this->create_foreign_key();

		$this->assertRestError( 404, 'flashnode_key_not_found', $this->call( 'DELETE', '/keys/' . $foreign ) );
		$this->assertNotNull( self::key_row( $foreign ), 'A key the plugin did not create is never deleted.' );
		$this->assertNotContains( $foreign, array_column( $this->assertRestSuccess( 200, $this->call( 'GET', '/keys' ) )['keys'], 'key_id' ) );
		$this->assertRestError( 404, 'flashnode_key_not_found', $this->call( 'DELETE', '/keys/99999999' ) );
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'DELETE', '/keys/0' ) );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'DELETE', '/keys/abc' ) );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'DELETE', '/keys' ) );
	}

	/**
	 * Asserts POST /keys refuses a key for this owner.
	 *
	 * @param int    $user_id    The owner asked for.
	 * @param string $request_id Request id.
	 */
	private function assert_owner_refused( int $user_id, string $request_id ): void {
		$params = array(
			'request_id'  => $request_id,
			'user_id'     => $user_id,
			'description' => self::MARKER,
		);
		$this->assertRestError( 400, 'flashnode_invalid_key_owner', $this->call( 'POST', '/keys', $params ) );
	}

	/**
	 * One key of a list by id.
	 *
	 * @param array<int,array<string,mixed>> $keys   Listed keys.
	 * @param int                            $key_id Key id.
	 * @return array<string,mixed>
	 */
	private function find( array $keys, int $key_id ): array {
		foreach ( $keys as $key ) {
			if ( $key['key_id'] === $key_id ) {
				return $key;
			}
		}
		$this->fail( "Key $key_id is not listed." );
	}

	/**
	 * Status of a real HTTPS request to WooCommerce's orders endpoint with the key (HTTP Basic Auth).
	 *
	 * @param array<string,mixed> $key The key as POST /keys returned it.
	 */
	private static function orders_status_with( array $key ): int {
		$response = wp_remote_get(
			rest_url( 'wc/v3/orders?per_page=1' ),
			array(
				'timeout' => 30,
				'headers' => array( 'Authorization' => 'Basic ' . base64_encode( $key['consumer_key'] . ':' . $key['consumer_secret'] ) ), // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
			)
		);
		return is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
	}
}
