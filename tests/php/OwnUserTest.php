<?php
/**
 * "Give <service> its own user": a 0.4 connection (acting as the administrator) reports its reconnect_url with its
 * old key (PUT wc-flashnode/v1/connection), and the owner's one click (POST flashnode/v1/connection/own-user) runs
 * the replace hand-off to it.
 *
 * The service is simulated at the outbound boundary only (pre_http_request); keys, webhooks, users and records
 * are the real shop's.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\History;
use Flashnode\Connector\Connection\ServiceInfo;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * New grants handed over first, old ones revoked after the 200; on failure the old ones keep working.
 */
final class OwnUserTest extends FeedTestCase {

	/** Where the simulated service takes a new key. */
	private const RECONNECT_URL = 'https://203.0.113.10/reconnect?token=service-own-token';

	/** Where its webhooks deliver. */
	private const HOOKS_URL = 'https://203.0.113.10/hooks';

	/**
	 * A 0.4 connection: the administrator's key and two webhooks as the administrator, in 0.4's option.
	 *
	 * @return array{key_id:int,consumer_key:string,webhook_ids:int[]}
	 */
	private function connection_from_0_4(): array {
		delete_option( Connections::OPTION );
		// One of the plugin's keys, as 0.4 made it, presented as WooCommerce would have accepted it.
		$key = ApiKeys::create( $this->admin_id, 'read_write', self::MARKER . ' QA ERP' );
		$this->assertIsArray( $key );
		$_SERVER['PHP_AUTH_USER'] = $key['consumer_key'];
		$hooks                    = WebhookRegistry::register_for_service( self::HOOKS_URL, array( 'order.created', 'order.updated' ), 'QA ERP', $this->admin_id );
		update_option(
			ServiceInfo::LEGACY_OPTION,
			array(
				'service_host'     => '203.0.113.10',
				'service_name'     => 'QA ERP',
				'connected_at_utc' => '2026-11-01T10:00:00Z',
				'key_id'           => $key['key_id'],
				'webhook_ids'      => $hooks['created'],
				'disconnect_url'   => 'https://203.0.113.10/disconnect',
			),
			false
		);
		return array(
			'key_id'       => (int) $key['key_id'],
			'consumer_key' => (string) $key['consumer_key'],
			'webhook_ids'  => $hooks['created'],
		);
	}

	/**
	 * PUT /connection with the presented key.
	 *
	 * @param mixed $url reconnect_url as sent.
	 */
	private function report( $url ): \WP_REST_Response {
		return $this->feed_call( 'PUT', '/connection', array( 'reconnect_url' => $url ) );
	}

	/**
	 * The owner's click.
	 *
	 * @param string $id Connection id.
	 */
	private function give( string $id = '203-0-113-10' ): \WP_REST_Response {
		wp_set_current_user( $this->admin_id );
		return $this->call(
			'POST',
			'/connection/own-user',
			array(
				'request_id' => $this->request_id(),
				'id'         => $id,
			)
		);
	}

	/**
	 * The whole path: bad addresses refused, the good one stored, a refused hand-off changes nothing, an accepted
	 * one gives the service its own user and revokes the administrator's key and webhooks.
	 */
	public function test_a_0_4_connection_gets_its_own_user_in_one_click(): void {
		$old = $this->connection_from_0_4();
		foreach ( array( 'http://203.0.113.10/reconnect', 'https://10.0.0.1/reconnect', 'https://u:p@203.0.113.10/r', '', 42, null ) as $bad ) {
			$this->assertRestError( 400, 'flashnode_connection_bad_reconnect_url', $this->report( $bad ), (string) wp_json_encode( $bad ) );
		}
		$this->assertRestError( 400, 'flashnode_connection_bad_body', $this->feed_call( 'PUT', '/connection', array( 'url' => self::RECONNECT_URL ) ) );
		$this->assertNull( Connections::get( '203-0-113-10' )['reconnect_url'] );
		// Without the address the owner is told to open the service's link.
		$this->assertRestError( 409, 'flashnode_no_reconnect_url', $this->give() );

		$stored = $this->assertRestSuccess( 200, $this->report( self::RECONNECT_URL ) );
		$this->assertSame(
			array(
				'connection'          => '203-0-113-10',
				'service_name'        => 'QA ERP',
				'reconnect_url_known' => true,
				'broader_than_needed' => true,
			),
			$stored
		);
		$card = $this->assertRestSuccess( 200, $this->call( 'GET', '/connection' ) )['connections'][0];
		$this->assertTrue( $card['reconnect_url_known'] );
		$this->assertTrue( $card['broader_than_needed'] );
		$this->assertArrayNotHasKey( 'reconnect_url', $card, 'It may carry the service\'s own token.' );

		// The service refuses: its old key and webhooks keep working, nothing new is left.
		$users = count_users()['avail_roles'][ ServiceUser::ROLE ] ?? 0;
		$this->answer_outbound( self::http_response( 500 ) );
		$refused = $this->give();
		$this->assertRestError( 424, 'flashnode_handoff_failed', $refused );
		$this->assertStringContainsString( 'old key and webhooks keep working', $refused->get_data()['message'] );
		$this->assertCount( 1, $this->outbound );
		$this->assertSame( self::RECONNECT_URL, $this->outbound[0]['url'] );
		$failed = json_decode( (string) $this->outbound[0]['args']['body'], true );
		$this->assertNull( self::key_row( (int) $failed['key_id'] ) );
		$this->assertNotNull( self::key_row( $old['key_id'] ) );
		foreach ( $failed['webhook_ids'] as $id ) {
			$this->assertNull( self::webhook_row( (int) $id ) );
		}
		foreach ( $old['webhook_ids'] as $id ) {
			$this->assertNotNull( WebhookRegistry::find( $id ) );
		}
		$this->assertSame( $users, count_users()['avail_roles'][ ServiceUser::ROLE ] ?? 0 );
		$record = Connections::get( '203-0-113-10' );
		$this->assertSame( array( $old['key_id'] ), $record['key_ids'] );
		$this->assertNull( $record['scopes'] );

		// The service accepts (its answer says nothing more about itself).
		$this->outbound = array();
		$this->answer_outbound( self::http_response( 200, '{}' ) );
		$data    = $this->assertRestSuccess( 201, $this->give() )['connected'];
		$payload = json_decode( (string) $this->outbound[0]['args']['body'], true );
		$this->assertSame( self::RECONNECT_URL, $this->outbound[0]['url'] );
		$this->assertSame( 0, $this->outbound[0]['args']['redirection'] );
		$this->assertSame( array( 'site_url', 'consumer_key', 'consumer_secret', 'key_permissions', 'key_id', 'user_id', 'scopes', 'plugin_version', 'webhook_secret', 'webhook_ids', 'topics', 'delivery_format', 'order_statuses', 'api_mode' ), array_keys( $payload ), 'The same body as the callback.' );
		$this->assertTrue( ServiceUser::is_service_user( (int) $payload['user_id'] ) );
		$this->assertSame( array( 'orders:read', 'orders:write', 'products:read' ), $payload['scopes'] );
		$this->assertSame( array( 'order.created', 'order.updated' ), $payload['topics'] );
		$this->assertTrue( $data['replaced'] );
		$this->assertSame( 'flashnode-qa-erp', $data['user_login'] );

		$this->assertNull( self::key_row( $old['key_id'] ), 'The administrator\'s key is revoked.' );
		$this->assertSame( (int) $payload['user_id'], (int) self::key_row( (int) $payload['key_id'] )['user_id'] );
		foreach ( $old['webhook_ids'] as $id ) {
			$this->assertNull( self::webhook_row( $id ) );
		}
		foreach ( $payload['webhook_ids'] as $id ) {
			$webhook = WebhookRegistry::find( (int) $id );
			$this->assertNotNull( $webhook );
			$this->assertSame( (int) $payload['user_id'], (int) $webhook->get_user_id(), 'Re-created as the service user.' );
			$this->assertSame( self::HOOKS_URL, $webhook->get_delivery_url() );
		}
		$record = Connections::get( '203-0-113-10' );
		$this->assertSame( array( (int) $payload['key_id'] ), $record['key_ids'] );
		$this->assertFalse( Connections::broader_than_needed( $record ) );
		$this->assertSame( 'https://203.0.113.10/disconnect', $record['disconnect_url'], 'Kept: the answer left it out.' );
		$this->assertSame( self::RECONNECT_URL, $record['reconnect_url'] );
		$this->assertSame( 'own_user', History::entries()[0]['event'] );
		$this->assertNotNull( get_userdata( $this->admin_id ), 'The administrator stays.' );

		// Done once: a second click has nothing to do.
		$this->assertRestError( 409, 'flashnode_connection_has_own_user', $this->give() );
		$this->assertRestError( 404, 'flashnode_not_connected', $this->give( 'nope-example' ) );
	}

	/**
	 * While another request gives the connection its own user (it holds the lock while the service answers), a
	 * second click gets 409 and sends nothing.
	 */
	public function test_one_hand_off_at_a_time(): void {
		$this->connection_from_0_4();
		$this->assertRestSuccess( 200, $this->report( self::RECONNECT_URL ) );
		$lock = 'flashnode_own_user:' . md5( '203-0-113-10' );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- another request's connection to the database, holding the lock.
		$other = new \wpdb( DB_USER, DB_PASSWORD, DB_NAME, DB_HOST );
		$this->assertSame( '1', (string) $other->get_var( $other->prepare( 'SELECT GET_LOCK( %s, 0 )', $lock ) ) );
		$this->answer_outbound( self::http_response( 200, '{}' ) );
		try {
			$this->assertRestError( 409, 'flashnode_connection_busy', $this->give() );
			$this->assertSame( array(), $this->outbound );
		} finally {
			$other->query( $other->prepare( 'SELECT RELEASE_LOCK( %s )', $lock ) );
			$other->close();
		}
		// phpcs:enable
		$this->assertRestSuccess( 201, $this->give() );
	}

	/**
	 * A service may give reconnect_url in its hand-off answer; only a safe one is kept.
	 */
	public function test_the_handoff_answer_may_carry_reconnect_url(): void {
		$this->assertSame( self::RECONNECT_URL, ServiceInfo::from_answer( (string) wp_json_encode( array( 'reconnect_url' => self::RECONNECT_URL ) ) )['reconnect_url'] );
		foreach ( array( 'http://203.0.113.10/r', 'https://10.1.2.3/r', array( self::RECONNECT_URL ), 7 ) as $bad ) {
			$this->assertNull( ServiceInfo::from_answer( (string) wp_json_encode( array( 'reconnect_url' => $bad ) ) )['reconnect_url'] );
		}
	}

	/**
	 * A key of no connection (made by hand) cannot report anything.
	 */
	public function test_a_manual_key_has_no_connection(): void {
		delete_option( Connections::OPTION );
		$this->present_key( 'read_write', 'by hand' );
		$this->assertRestError( 404, 'flashnode_connection_not_found', $this->report( self::RECONNECT_URL ) );
		$this->assertSame( array(), Connections::all() );
	}
}
