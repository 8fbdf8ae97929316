<?php
/**
 * The connection records, and what the integration service answered the hand-off with: untrusted input.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\PrivacyPolicy;
use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\History;
use Flashnode\Connector\Connection\Scopes;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Readiness\Checks\ConnectionsCheck;
use Flashnode\Connector\Readiness\LoopbackProbe;
use Flashnode\Connector\Connection\ServiceInfo;
use Flashnode\Connector\Keys\ApiKeys;

/**
 * Only checked values are kept.
 */
final class ConnectionsTest extends RestTestCase {

	/**
	 * A hand-off answer: polling interval within 1..1440 whole minutes, valid IPs only, at most 20 of them.
	 */
	public function test_keeps_only_valid_fields(): void {
		$addresses = array( '203.0.113.1', '<script>', 42, '2001:db8::1' );
		for ( $i = 2; $i <= 30; $i++ ) {
			$addresses[] = '198.51.100.' . $i;
		}
		$info = ServiceInfo::from_answer(
			(string) wp_json_encode(
				array(
					'polling_interval_minutes' => 1440,
					'ip_addresses'             => $addresses,
					'extra'                    => 'ignored',
				)
			)
		);
		$this->assertSame( array( 'polling_interval_minutes', 'ip_addresses', 'disconnect_url', 'reconnect_url' ), array_keys( $info ) );
		$this->assertSame( 1440, $info['polling_interval_minutes'] );
		$this->assertSame( array_merge( array( '203.0.113.1', '2001:db8::1' ), array_slice( $addresses, 4, 16 ) ), $info['ip_addresses'], 'The first 20 entries, valid ones only.' );
		$this->assertNull( $info['disconnect_url'] );
		$this->assertNull( $info['reconnect_url'] );
	}

	/**
	 * Out-of-range or mistyped intervals and bodies that are not JSON objects leave the fields empty.
	 *
	 * @dataProvider odd_answers
	 *
	 * @param string $body Response body.
	 */
	public function test_odd_answers_leave_fields_empty( string $body ): void {
		$info = ServiceInfo::from_answer( $body );
		$this->assertNull( $info['polling_interval_minutes'] );
		$this->assertSame( array(), $info['ip_addresses'] );
	}

	/**
	 * Bodies without usable fields.
	 *
	 * @return array<string,array{0:string}>
	 */
	public function odd_answers(): array {
		return array(
			'empty'            => array( '' ),
			'HTML'             => array( '<html>OK</html>' ),
			'JSON string'      => array( '"ok"' ),
			'zero minutes'     => array( '{"polling_interval_minutes":0}' ),
			'a day and more'   => array( '{"polling_interval_minutes":1441}' ),
			'minutes as text'  => array( '{"polling_interval_minutes":"5","ip_addresses":"203.0.113.1"}' ),
			'fraction minutes' => array( '{"polling_interval_minutes":2.5,"ip_addresses":{"a":"x"}}' ),
		);
	}

	/**
	 * Nothing stored, or a hand-edited option, reads as "no connections" or as checked values; not autoloaded.
	 */
	public function test_records_survive_bad_options(): void {
		delete_option( Connections::OPTION );
		$this->assertSame( array(), Connections::all() );
		update_option( Connections::OPTION, 'garbage', false );
		$this->assertSame( array(), Connections::all() );
		update_option(
			Connections::OPTION,
			array(
				'x' => array(
					'service_host'             => 'service.example',
					'connected_at_utc'         => '2026-01-01T00:00:00Z',
					'polling_interval_minutes' => '5',
					'ip_addresses'             => array( '203.0.113.1', array( 'x' ) ),
					'key_ids'                  => array( '7', 7 ),
					'scopes'                   => 'orders:read',
				),
				'y' => array( 'service_host' => array( 'not a host' ) ),
			),
			false
		);
		$all = Connections::all();
		$this->assertCount( 1, $all );
		$this->assertSame( 'service-example', $all[0]['id'] );
		$this->assertNull( $all[0]['polling_interval_minutes'] );
		$this->assertSame( array( '203.0.113.1' ), $all[0]['ip_addresses'] );
		$this->assertSame( array( 7 ), $all[0]['key_ids'] );
		$this->assertNull( $all[0]['scopes'], 'Unreadable scopes read as a 0.4 connection: broader than needed.' );
		$this->assertSame( $all[0], Connections::for_key( 7 ) );
		$this->assertNull( Connections::for_key( 8 ) );
		$this->assertSame( 'off', wp_load_alloptions()[ Connections::OPTION ] ?? 'off', 'Not autoloaded.' );
	}

	/**
	 * 0.4's single connection becomes a record on first read: its key, the key's user (the approving owner), no
	 * scopes; the old option is gone.
	 */
	public function test_a_0_4_connection_is_migrated_once(): void {
		delete_option( Connections::OPTION );
		$key = ApiKeys::create( 1, 'read_write', self::MARKER );
		$this->assertIsArray( $key );
		update_option(
			ServiceInfo::LEGACY_OPTION,
			array(
				'service_host'             => 'erp.example',
				'connected_at_utc'         => '2026-11-01T10:00:00Z',
				'polling_interval_minutes' => 5,
				'ip_addresses'             => array(),
				'service_name'             => 'QA ERP',
				'key_id'                   => $key['key_id'],
				'webhook_ids'              => array( 11, 12 ),
				'disconnect_url'           => null,
			),
			false
		);
		$record = Connections::for_host( 'erp.example' );
		$this->assertNotNull( $record );
		$this->assertSame( 'QA ERP', $record['service_name'] );
		$this->assertSame( array( $key['key_id'] ), $record['key_ids'] );
		$this->assertSame( array( 11, 12 ), $record['webhook_ids'] );
		$this->assertSame( $key['user_id'], $record['user_id'] );
		$this->assertNull( $record['scopes'] );
		$this->assertSame( 5, $record['polling_interval_minutes'] );
		$this->assertFalse( get_option( ServiceInfo::LEGACY_OPTION ) );
		$this->assertCount( 1, Connections::all(), 'Migrated once.' );
		ApiKeys::revoke( $key['key_id'] );
	}

	/**
	 * The privacy policy suggestion names each connected service and what its scopes let it receive.
	 */
	public function test_privacy_policy_text_names_each_service(): void {
		delete_option( Connections::OPTION );
		$this->assertStringContainsString( 'No service is connected', PrivacyPolicy::text() );
		Connections::save(
			array(
				'service_name' => 'QA ERP',
				'service_host' => 'erp.example',
				'scopes'       => array( 'orders:read', 'orders:write', 'products:read' ),
			)
		);
		Connections::save(
			array(
				'service_name' => 'Old <b>ERP</b>',
				'service_host' => 'old.example',
			)
		);
		$text = PrivacyPolicy::text();
		$this->assertStringContainsString( 'QA ERP (erp.example) receives: orders, with the customer&#039;s name', $text );
		$this->assertStringContainsString( 'products, prices and stock levels.', $text );
		$this->assertSame( 1, substr_count( $text, 'customer accounts' ), 'Only the 0.4 connection, which acts as an administrator, can read customer accounts.' );
		$this->assertStringContainsString( 'Old &lt;b&gt;ERP&lt;/b&gt;', $text, 'Escaped.' );
		$this->assertStringNotContainsString( 'No service is connected', $text );
	}

	/**
	 * The readiness check (and so Site Health) warns about a connection that acts as an administrator.
	 */
	public function test_the_check_warns_about_connections_broader_than_needed(): void {
		delete_option( Connections::OPTION );
		$check = new ConnectionsCheck();
		$this->assertSame( 'ok', $check->run( new LoopbackProbe() )->to_array()['status'] );
		$user_id = ServiceUser::create( 'QA ERP', Scopes::DEFAULT );
		$this->assertIsInt( $user_id );
		Connections::save(
			array(
				'service_name' => 'QA ERP',
				'service_host' => 'erp.example',
				'user_id'      => $user_id,
				'scopes'       => Scopes::DEFAULT,
			)
		);
		$this->assertSame( 'ok', $check->run( new LoopbackProbe() )->to_array()['status'] );
		Connections::save(
			array(
				'service_name' => 'Old ERP',
				'service_host' => 'old.example',
				'user_id'      => 1,
			)
		);
		$result = $check->run( new LoopbackProbe() )->to_array();
		$this->assertSame( 'warning', $result['status'] );
		$this->assertSame( array( 'Old ERP' ), $result['details']['broader_than_needed'] );
		$this->assertStringContainsString( 'Old ERP', $result['message'] );
		$this->assertSame( array(), $result['details']['offers_own_user'] );
		$this->assertStringStartsWith( 'Open each service', (string) $result['fix'] );
		// Once the service reported where to hand a new key, the fix points to the card's button.
		$old                  = (array) Connections::get( 'old-example' );
		$old['reconnect_url'] = 'https://203.0.113.10/reconnect';
		Connections::save( $old );
		$result = $check->run( new LoopbackProbe() )->to_array();
		$this->assertSame( array( 'Old ERP' ), $result['details']['offers_own_user'] );
		$this->assertStringContainsString( 'its own user" on the card', (string) $result['fix'] );
		ServiceUser::delete( $user_id );
	}

	/**
	 * A taken login gets a number; the user has no e-mail address, cannot log in and gets no application passwords.
	 */
	public function test_service_users_are_numbered_and_locked(): void {
		$taken = wp_insert_user(
			array(
				'user_login' => 'flashnode-qa-numbered',
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $taken );
		$user_id = ServiceUser::create( 'QA Numbered', array( Scopes::ORDERS_READ ) );
		$this->assertIsInt( $user_id );
		$user = get_userdata( $user_id );
		$this->assertSame( 'flashnode-qa-numbered-2', $user->user_login );
		$this->assertSame( '', $user->user_email );
		$this->assertFalse( ServiceUser::is_service_user( $taken ), 'Never another user.' );
		$this->assertFalse( wp_is_application_passwords_available_for_user( $user ) );
		$this->assertFalse( (bool) apply_filters( 'allow_password_reset', true, $user_id ) );
		ServiceUser::delete( $taken );
		$this->assertInstanceOf( \WP_User::class, get_userdata( $taken ), 'ServiceUser::delete() leaves other users alone.' );
		require_once ABSPATH . 'wp-admin/includes/user.php';
		wp_delete_user( $taken );
		ServiceUser::delete( $user_id );
		$this->assertFalse( get_userdata( $user_id ) );
	}

	/**
	 * History keeps a disconnect's reason as a code and whether the service was told (the page words them); 0.4's
	 * English detail is read the same way.
	 */
	public function test_history_keeps_codes_not_words(): void {
		update_option(
			History::OPTION,
			array(
				array(
					'event'        => 'disconnected',
					'service_name' => 'Old ERP',
					'service_host' => 'old.example',
					'time_utc'     => '2026-11-01T10:00:00Z',
					'detail'       => 'owner_disconnected (service not notified)',
				),
			),
			false
		);
		History::record( 'disconnected', 'QA ERP', 'erp.example', 'owner_disconnected', true );
		$entries = History::entries();
		$this->assertSame( array( 'owner_disconnected', true ), array( $entries[0]['detail'], $entries[0]['notified'] ) );
		$this->assertSame( array( 'owner_disconnected', false ), array( $entries[1]['detail'], $entries[1]['notified'] ) );
	}
}
