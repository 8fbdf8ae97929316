<?php
/**
 * What the integration service answered the hand-off with: untrusted input.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\ServiceInfo;

/**
 * Only checked values are kept.
 */
final class ServiceInfoTest extends RestTestCase {

	/**
	 * Polling interval within 1..1440 whole minutes, valid IPs only, at most 20 of them.
	 */
	public function test_keeps_only_valid_fields(): void {
		$addresses = array( '203.0.113.1', '<script>', 42, '2001:db8::1' );
		for ( $i = 2; $i <= 30; $i++ ) {
			$addresses[] = '198.51.100.' . $i;
		}
		ServiceInfo::remember(
			'service.example',
			(string) wp_json_encode(
				array(
					'polling_interval_minutes' => 1440,
					'ip_addresses'             => $addresses,
					'extra'                    => 'ignored',
				)
			)
		);
		$info = ServiceInfo::get();
		$this->assertNotNull( $info );
		$this->assertSame( array( 'service_host', 'connected_at_utc', 'polling_interval_minutes', 'ip_addresses', 'service_name', 'key_id', 'webhook_ids', 'disconnect_url' ), array_keys( $info ) );
		$this->assertSame( 'service.example', $info['service_host'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $info['connected_at_utc'] );
		$this->assertSame( 1440, $info['polling_interval_minutes'] );
		$this->assertSame( array_merge( array( '203.0.113.1', '2001:db8::1' ), array_slice( $addresses, 4, 16 ) ), $info['ip_addresses'], 'The first 20 entries, valid ones only.' );
		$this->assertSame( 'off', wp_load_alloptions()[ ServiceInfo::OPTION ] ?? 'off', 'Not autoloaded.' );
	}

	/**
	 * Out-of-range or mistyped intervals and bodies that are not JSON objects leave the fields empty.
	 *
	 * @dataProvider odd_answers
	 *
	 * @param string $body Response body.
	 */
	public function test_odd_answers_leave_fields_empty( string $body ): void {
		ServiceInfo::remember( 'service.example', $body );
		$info = ServiceInfo::get();
		$this->assertNotNull( $info );
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
	 * Nothing stored, or a hand-edited option, reads as "never connected" or as checked values.
	 */
	public function test_get_survives_bad_options(): void {
		delete_option( ServiceInfo::OPTION );
		$this->assertNull( ServiceInfo::get() );
		update_option( ServiceInfo::OPTION, 'garbage', false );
		$this->assertNull( ServiceInfo::get() );
		update_option(
			ServiceInfo::OPTION,
			array(
				'service_host'             => 'service.example',
				'connected_at_utc'         => '2026-01-01T00:00:00Z',
				'polling_interval_minutes' => '5',
				'ip_addresses'             => array( '203.0.113.1', array( 'x' ) ),
			),
			false
		);
		$info = ServiceInfo::get();
		$this->assertNull( $info['polling_interval_minutes'] );
		$this->assertSame( array( '203.0.113.1' ), $info['ip_addresses'] );
	}
}
