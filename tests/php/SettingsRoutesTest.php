<?php
/**
 * GET/POST flashnode/v1/settings: the transfer settings.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;

/**
 * Only valid values are stored; the shop's real order statuses are the choices.
 */
final class SettingsRoutesTest extends RestTestCase {

	/**
	 * GET answers the settings and the statuses to choose from, without WooCommerce's wc- prefix.
	 */
	public function test_get_answers_settings_and_order_statuses(): void {
		$data = $this->assertRestSuccess( 200, $this->call( 'GET', '/settings' ) );
		$this->assertSame( array( 'settings', 'order_statuses' ), array_keys( $data ) );
		$this->assertSame( Settings::all(), $data['settings'] );
		$ids = array_column( $data['order_statuses'], 'id' );
		$this->assertContains( 'processing', $ids );
		$this->assertContains( 'completed', $ids );
		$this->assertSame( array_keys( wc_get_order_statuses() ), preg_replace( '/^/', 'wc-', $ids ) );
		foreach ( $data['order_statuses'] as $status ) {
			$this->assertSame( array( 'id', 'label' ), array_keys( $status ) );
			$this->assertSame( wc_get_order_status_name( $status['id'] ), $status['label'] );
		}
	}

	/**
	 * POST stores all settings at once, or only those sent; the readiness cache is dropped (the Legacy API check
	 * depends on api_mode).
	 */
	public function test_post_stores_valid_settings(): void {
		delete_option( Settings::OPTION );
		set_transient( Readiness::CACHE_TRANSIENT, array( 'stale' => true ), 300 );

		$data     = $this->assertRestSuccess(
			200,
			$this->call(
				'POST',
				'/settings',
				array(
					'api_mode'                     => 'rest_v3',
					'order_statuses'               => array( 'completed', 'processing' ),
					'keep_connection_on_uninstall' => true,
				)
			)
		);
		$expected = array(
			'api_mode'                     => 'rest_v3',
			'order_statuses'               => array( 'completed', 'processing' ),
			'keep_connection_on_uninstall' => true,
		);
		$this->assertSame( $expected, $data['settings'] );
		$this->assertSame( $expected, get_option( Settings::OPTION ) );
		$this->assertFalse( get_transient( Readiness::CACHE_TRANSIENT ) );

		$data = $this->assertRestSuccess( 200, $this->call( 'POST', '/settings', array( 'keep_connection_on_uninstall' => 'false' ) ) );
		$this->assertSame( array_merge( $expected, array( 'keep_connection_on_uninstall' => false ) ), $data['settings'], 'Only what was sent changes.' );

		$data = $this->assertRestSuccess( 200, $this->call( 'POST', '/settings' ) );
		$this->assertSame( array_merge( $expected, array( 'keep_connection_on_uninstall' => false ) ), $data['settings'], 'An empty request changes nothing.' );
	}

	/**
	 * Invalid values are refused with 400 and nothing is stored.
	 *
	 * @dataProvider bad_settings
	 *
	 * @param array<string,mixed> $params Request body.
	 */
	public function test_invalid_settings_are_refused( array $params ): void {
		$before = get_option( Settings::OPTION, null );
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'POST', '/settings', $params ) );
		$this->assertSame( $before, get_option( Settings::OPTION, null ) );
	}

	/**
	 * Bodies the route must refuse.
	 *
	 * @return array<string,array{0:array<string,mixed>}>
	 */
	public function bad_settings(): array {
		return array(
			'unknown order status'       => array( array( 'order_statuses' => array( 'processing', 'shipped-to-mars' ) ) ),
			'status with wc- prefix'     => array( array( 'order_statuses' => array( 'wc-processing' ) ) ),
			'no status'                  => array( array( 'order_statuses' => array() ) ),
			'repeated status'            => array( array( 'order_statuses' => array( 'processing', 'processing' ) ) ),
			'status not text'            => array( array( 'order_statuses' => array( 42 ) ) ),
			'unknown api mode'           => array( array( 'api_mode' => 'soap' ) ),
			'api mode not text'          => array( array( 'api_mode' => array( 'legacy' ) ) ),
			'keep not a boolean'         => array( array( 'keep_connection_on_uninstall' => 'maybe' ) ),
			'valid and invalid together' => array(
				array(
					'api_mode'       => 'rest_v3',
					'order_statuses' => array( 'nope' ),
				),
			),
		);
	}
}
