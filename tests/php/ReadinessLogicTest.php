<?php
/**
 * Readiness, settings, health log and credential detection inside the real shop.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Http\CredentialChannels;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Shop\LegacyApi;

/**
 * Logic that needs WordPress but no HTTP.
 */
final class ReadinessLogicTest extends TestCase {

	/**
	 * Keeps the shop's options as they were.
	 *
	 * @var array<string,mixed>
	 */
	private $saved = array();

	/**
	 * Saves the options these tests change.
	 */
	protected function setUp(): void {
		parent::setUp();
		foreach ( array( Settings::OPTION, HealthLog::OPTION, Readiness::LAST_REPORT_OPTION ) as $option ) {
			$this->saved[ $option ] = get_option( $option, null );
		}
	}

	/**
	 * Restores them, and the server variables.
	 */
	protected function tearDown(): void {
		foreach ( $this->saved as $option => $value ) {
			// Autoloaded as the plugin stores them (only the settings): switching a row's autoload here would leave
			// WordPress 6.1's 'alloptions' cache stale for the tests that follow (newer versions move the cached value).
			null === $value ? delete_option( $option ) : update_option( $option, $value, Settings::OPTION === $option );
		}
		unset( $_SERVER['HTTP_AUTHORIZATION'], $_SERVER['REDIRECT_HTTP_AUTHORIZATION'], $_SERVER['PHP_AUTH_USER'] );
		parent::tearDown();
	}

	/**
	 * Defaults match the integrations' guides; a hand-edited option cannot break the plugin.
	 */
	public function test_settings_fall_back_to_defaults_for_bad_values(): void {
		delete_option( Settings::OPTION );
		$this->assertSame( Settings::defaults(), Settings::all() );
		$this->assertTrue( Settings::needs_legacy_api() );

		update_option(
			Settings::OPTION,
			array(
				'api_mode'       => 'soap',
				'order_statuses' => array( 42, null ),
			)
		);
		$this->assertSame( Settings::defaults(), Settings::all() );

		update_option( Settings::OPTION, 'garbage' );
		$this->assertSame( Settings::defaults(), Settings::all() );

		update_option(
			Settings::OPTION,
			array(
				'api_mode'       => Settings::API_REST_V3,
				'order_statuses' => array( 'completed' ),
			)
		);
		$this->assertFalse( Settings::needs_legacy_api() );
		$this->assertSame( array( 'completed' ), Settings::all()['order_statuses'] );
	}

	/**
	 * The overall status is the worst one; not-applicable checks do not count against the shop.
	 */
	public function test_overall_status_is_the_worst_result(): void {
		$results = static function ( string ...$statuses ): array {
			return array_map(
				static function ( string $status ): array {
					return array( 'status' => $status );
				},
				$statuses
			);
		};
		$this->assertSame( 'error', Readiness::overall_status( $results( 'ok', 'error', 'warning' ) ) );
		$this->assertSame( 'warning', Readiness::overall_status( $results( 'ok', 'warning', 'not_applicable' ) ) );
		$this->assertSame( 'ok', Readiness::overall_status( $results( 'not_applicable', 'ok' ) ) );
		$this->assertSame( 'ok', Readiness::overall_status( array() ) );
	}

	/**
	 * Each fix asks what it really does: the Legacy API fix ticks WooCommerce's option when the API is there, and
	 * says so when it will activate or download and install the plugin first; compatibility mode says what it costs.
	 */
	public function test_fix_questions_say_what_the_fix_does(): void {
		$fixes    = Readiness::fixes();
		$question = $fixes['legacy_api']->question();
		if ( LegacyApi::is_available() ) {
			$this->assertStringNotContainsStringIgnoringCase( 'activate', $question );
		} elseif ( LegacyApi::plugin_installed() ) {
			$this->assertStringStartsWith( 'Activate the installed "WooCommerce Legacy REST API" plugin', $question );
		} else {
			$this->assertStringStartsWith( 'Download the free "WooCommerce Legacy REST API" plugin', $question );
		}
		$this->assertStringContainsString( 'slower', $fixes['order_sync']->question() );
		foreach ( $fixes as $id => $fix ) {
			$this->assertStringContainsString( '?', $fix->question(), $id . ' asks.' );
		}
	}

	/**
	 * A check that throws becomes a warning in the report instead of breaking the page.
	 */
	public function test_a_throwing_check_becomes_a_warning(): void {
		$broken = new class() implements \Flashnode\Connector\Readiness\Check {
			/**
			 * Id.
			 */
			public function id(): string {
				return 'broken';
			}

			/**
			 * Title.
			 */
			public function title(): string {
				return 'Broken';
			}

			/**
			 * Options it reads.
			 *
			 * @return string[]
			 */
			public function stale_on(): array {
				return array();
			}

			/**
			 * Throws like another plugin's bug would.
			 *
			 * @param \Flashnode\Connector\Readiness\LoopbackProbe $probe Unused.
			 * @throws \RuntimeException Always.
			 */
			public function run( \Flashnode\Connector\Readiness\LoopbackProbe $probe ): CheckResult {
				throw new \RuntimeException( 'database went away' );
			}
		};
		$report = ( new Readiness( array( $broken ) ) )->report( true );
		$this->assertSame( 'broken', $report['results'][0]['id'] );
		$this->assertSame( 'warning', $report['results'][0]['status'] );
		$this->assertStringContainsString( 'database went away', $report['results'][0]['message'] );
		Readiness::forget();
	}

	/**
	 * The health log keeps the newest 50 calls with a key, written through update_option() (never autoloaded).
	 */
	public function test_health_log_is_bounded_and_newest_first(): void {
		delete_option( HealthLog::OPTION );
		$writes = 0;
		$count  = static function ( $name ) use ( &$writes ): void {
			$writes += HealthLog::OPTION === $name ? 1 : 0;
		};
		add_action( 'added_option', $count );
		add_action( 'updated_option', $count );
		for ( $call = 1; $call <= 60; $call++ ) {
			HealthLog::record( true, 200, 'call-' . $call );
		}
		remove_action( 'added_option', $count );
		remove_action( 'updated_option', $count );
		$entries = HealthLog::entries();
		$this->assertCount( HealthLog::MAX_ENTRIES, $entries );
		$this->assertSame( 'call-60', $entries[0]['outcome'] );
		$this->assertSame( 'call-11', $entries[49]['outcome'] );
		$this->assertSame( '127.0.0.1', $entries[0]['ip'] );
		$this->assertTrue( $entries[0]['authenticated'] );
		$this->assertSame( 60, $writes, 'Each call with a key is one update_option().' );
		$this->assertSame( 'off', wp_load_alloptions()[ HealthLog::OPTION ] ?? 'off', 'The log is not autoloaded on every request.' );
	}

	/**
	 * Calls without a valid key (anyone can make them) write nothing: no query at all, so the log of the calls
	 * with a key stays as it was.
	 */
	public function test_calls_without_a_valid_key_write_nothing(): void {
		global $wpdb;
		delete_option( HealthLog::OPTION );
		HealthLog::record( true, 200, 'ok' );
		$before  = HealthLog::entries();
		$queries = $wpdb->num_queries;
		for ( $call = 1; $call <= 100; $call++ ) {
			HealthLog::record( false, 200, 'ok' );
			HealthLog::record( false, 401, 'flashnode_health_invalid_key' );
		}
		$this->assertSame( $queries, $wpdb->num_queries, 'Not even a read.' );
		$this->assertSame( $before, HealthLog::entries() );
	}

	/**
	 * The channel the credentials came through, header variables first.
	 */
	public function test_credential_channels(): void {
		$this->assertSame( CredentialChannels::NONE, CredentialChannels::detect() );
		$_SERVER['PHP_AUTH_USER'] = 'ck_x';
		$this->assertSame( CredentialChannels::PHP_AUTH_USER, CredentialChannels::detect() );
		$_SERVER['REDIRECT_HTTP_AUTHORIZATION'] = 'Basic eDp5';
		$this->assertSame( CredentialChannels::REDIRECT_HTTP_AUTHORIZATION, CredentialChannels::detect() );
		$_SERVER['HTTP_AUTHORIZATION'] = 'Basic eDp5';
		$this->assertSame( CredentialChannels::HTTP_AUTHORIZATION, CredentialChannels::detect() );
	}
}
