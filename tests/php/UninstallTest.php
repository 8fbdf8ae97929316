<?php
/**
 * Deleting the plugin in Plugins > Installed Plugins (plugin/uninstall.php), for real: the installed copy is
 * uninstalled and deleted by WP-CLI in a separate process (`wp plugin uninstall`), then put
 * back exactly as it was and reactivated, so the shop stays usable.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Disconnect;
use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\Scopes;
use Flashnode\Connector\Connection\ServiceInfo;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Health\HealthLog;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Readiness\Fixes\AuthorizationHeaderFix;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Webhooks\DeliveryLog;
use Flashnode\Connector\Webhooks\DeliveryMonitor;
use Flashnode\Connector\Webhooks\WebhookRegistry;

/**
 * Keys and webhooks go unless the owner keeps them; the plugin's options go, except, for kept ones, the lists of
 * which keys and webhooks are the plugin's.
 */
final class UninstallTest extends RestTestCase {

	use DeletesThePlugin;

	/**
	 * The service user connect() made.
	 *
	 * @var int
	 */
	private $service_user = 0;

	/**
	 * Puts the plugin back and reactivates it, then lets the base class clean up.
	 */
	protected function tearDown(): void {
		$this->restore_plugin();
		parent::tearDown();
		$this->assertSame( 'active', trim( $this->wp_ok( 'plugin', 'get', self::plugin_file(), '--field=status' ) ), 'The plugin is installed and active again.' );
	}

	/**
	 * Default setting: the plugin's keys and webhooks are revoked and deleted, others stay; every option,
	 * transient and request claim of the plugin goes.
	 */
	public function test_uninstall_revokes_keys_and_deletes_webhooks_by_default(): void {
		Settings::update( array( 'keep_connection_on_uninstall' => false ) );
		list( $key_id, $webhook_ids, $foreign_key, $foreign_webhook ) = $this->connect();

		$this->delete_plugin();

		$this->assertNull( self::key_row( $key_id ), 'The plugin\'s key is revoked.' );
		foreach ( $webhook_ids as $webhook_id ) {
			$this->assertNull( self::webhook_row( $webhook_id ), 'The plugin\'s webhooks are deleted.' );
		}
		$this->assertNotNull( self::key_row( $foreign_key ), 'Keys the plugin did not create stay.' );
		clean_user_cache( $this->service_user );
		$this->assertFalse( get_userdata( $this->service_user ), 'The service\'s own user is deleted.' );
		$this->assertSame( array(), get_users( array( 'role' => ServiceUser::ROLE ) ) );
		$this->assertNotNull( self::webhook_row( $foreign_webhook ), 'Webhooks the plugin did not create stay.' );
		$this->assertSame( array(), self::stored_options() );
	}

	/**
	 * A service that takes the connection but never answers cannot hold the deletion up: the disconnect notice is
	 * sent, given up after Disconnect::TIMEOUT seconds (at most 5), and everything is removed all the same.
	 */
	public function test_uninstall_finishes_when_the_service_does_not_answer(): void {
		$this->assertLessThanOrEqual( 5, Disconnect::TIMEOUT );
		Settings::update( array( 'keep_connection_on_uninstall' => false ) );
		list( $key_id, $webhook_ids ) = $this->connect();
		// The kernel completes the handshake for the listen backlog; nobody accepts, so the TLS hello is never answered.
		$silent = stream_socket_server( 'tcp://127.0.0.1:0', $errno, $error );
		$this->assertIsResource( $silent, (string) $error );
		$url = 'https://' . stream_socket_get_name( $silent, false ) . '/disconnect';
		Connections::save(
			array(
				'service_host'   => '127.0.0.1',
				'service_name'   => 'Silent service',
				'key_ids'        => array( $key_id ),
				'webhook_ids'    => $webhook_ids,
				'disconnect_url' => $url,
			)
		);
		$this->assertSame( $url, Connections::for_host( '127.0.0.1' )['disconnect_url'] ?? null );
		try {
			$started = microtime( true );
			$this->delete_plugin();
			$elapsed = microtime( true ) - $started;
			$this->assertNotFalse( @stream_socket_accept( $silent, 0 ), 'The notice reached the silent service.' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- false, not a warning, is the failure.
		} finally {
			fclose( $silent ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- a socket.
		}
		$this->assertGreaterThanOrEqual( Disconnect::TIMEOUT - 0.5, $elapsed, 'It waited for the answer, up to the timeout.' );
		$this->assertLessThan( 60, $elapsed );
		$this->assertNull( self::key_row( $key_id ), 'The key is revoked all the same.' );
		foreach ( $webhook_ids as $webhook_id ) {
			$this->assertNull( self::webhook_row( $webhook_id ) );
		}
		$this->assertSame( array(), self::stored_options() );
	}

	/**
	 * The .htaccess rule goes with the plugin, and so does the copy of .htaccess kept while it was in: the file is
	 * left exactly as it was before the rule.
	 */
	public function test_uninstall_takes_the_htaccess_rule_and_its_copy_away(): void {
		$path     = AuthorizationHeaderFix::htaccess_path();
		$original = (string) file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the test shop's file.
		try {
			$this->assertNull( ( new AuthorizationHeaderFix() )->apply() );
			$this->assertFileExists( $path . AuthorizationHeaderFix::BACKUP_SUFFIX );

			$this->delete_plugin();

			$this->assertSame( $original, file_get_contents( $path ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the test shop's file.
			$this->assertFileDoesNotExist( $path . AuthorizationHeaderFix::BACKUP_SUFFIX );
		} finally {
			file_put_contents( $path, $original ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents -- the test shop's file.
			wp_delete_file( $path . AuthorizationHeaderFix::BACKUP_SUFFIX );
		}
	}

	/**
	 * "Keep the connection": keys and webhooks survive (so a reinstall needs no new hand-off) and stay the plugin's;
	 * the other options still go.
	 */
	public function test_uninstall_keeps_keys_and_webhooks_when_asked(): void {
		Settings::update( array( 'keep_connection_on_uninstall' => true ) );
		list( $key_id, $webhook_ids ) = $this->connect();

		$this->delete_plugin();

		$this->assertNotNull( self::key_row( $key_id ) );
		foreach ( $webhook_ids as $webhook_id ) {
			$this->assertSame( 'active', self::webhook_row( $webhook_id )['status'] );
		}
		// Which keys and webhooks are the plugin's stays known, so a reinstalled plugin lists and can revoke them.
		$remaining = self::stored_options();
		sort( $remaining );
		$kept = array( ApiKeys::OPTION, WebhookRegistry::OPTION, Connections::OPTION, ServiceInfo::LEGACY_OPTION );
		sort( $kept );
		$this->assertSame( $kept, $remaining );
		clean_user_cache( $this->service_user );
		$this->assertTrue( ServiceUser::is_service_user( $this->service_user ), 'The kept key\'s user stays.' );
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( ApiKeys::OPTION, 'options' );
		wp_cache_delete( WebhookRegistry::OPTION, 'options' );
		$this->assertContains( $key_id, ApiKeys::ids() );
		$this->assertSame( $webhook_ids, array_values( array_intersect( WebhookRegistry::ids(), $webhook_ids ) ) );
	}

	/**
	 * Creates through the routes what a connected shop has (a key, webhooks, service info, deliveries, alerts,
	 * health log, readiness report, request claims), plus a key and a webhook created elsewhere.
	 *
	 * @return array{0:int,1:int[],2:int,3:int} Key id, webhook ids, foreign key id, foreign webhook id.
	 */
	private function connect(): array {
		$key                = $this->create_key();
		$webhooks           = $this->register_webhooks( home_url( '/?flashnode-php-test=receiver' ) )['created'];
		$this->service_user = (int) ServiceUser::create( 'Uninstall test', Scopes::DEFAULT );
		Connections::save(
			array(
				'service_host'             => '203.0.113.10',
				'polling_interval_minutes' => 5,
				'user_id'                  => $this->service_user,
				'scopes'                   => Scopes::DEFAULT,
				'key_ids'                  => array( $key['key_id'] ),
			)
		);
		DeliveryLog::record( $webhooks[0], 'test', 200, true, '', 0.1 );
		( new DeliveryMonitor() )->record_disabled( $webhooks[1] );
		HealthLog::record( true, 200, 'ok' );
		( new Readiness() )->report( false );

		// Whatever else the classes name as the plugin's options and transients, stored here unless done above:
		// a new option that uninstall.php forgets fails this test.
		$this->assertGreaterThanOrEqual( 11, count( self::options_of_the_classes() ), 'The classes were found.' );
		foreach ( self::options_of_the_classes() as $name ) {
			if ( '_' === substr( $name, -1 ) ) {
				add_option( $name . 'uninstall-test', time(), '', false ); // A prefix, such as RequestClaim's.
			} elseif ( false !== strpos( $name, 'TRANSIENT:' ) ) {
				set_transient( substr( $name, strlen( 'TRANSIENT:' ) ), 'uninstall-test', HOUR_IN_SECONDS );
			} elseif ( null === get_option( $name, null ) ) {
				add_option( $name, 'uninstall-test', '', false );
			}
		}

		$this->assertNotSame( array(), self::stored_options(), 'The plugin stored its options.' );
		return array( (int) $key['key_id'], array_map( 'intval', $webhooks ), $this->create_foreign_key(), (int) $this->create_foreign_webhook( home_url( '/?flashnode-php-test=foreign' ) )->get_id() );
	}

	/**
	 * The options, transients ("TRANSIENT:" name) and option prefixes (ending in "_") the plugin's classes define:
	 * constants whose name says OPTION or TRANSIENT and whose value is the plugin's (flashnode_connector…).
	 *
	 * @return string[]
	 */
	private static function options_of_the_classes(): array {
		$root  = dirname( __DIR__, 2 ) . '/php/';
		$names = array();
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root, \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $files as $file ) {
			$class = 'Flashnode\\Connector\\' . str_replace( '/', '\\', substr( (string) $file, strlen( $root ), -4 ) );
			if ( ! class_exists( $class ) ) {
				continue; // Interfaces.
			}
			foreach ( ( new \ReflectionClass( $class ) )->getReflectionConstants() as $constant ) {
				$value = $constant->getValue();
				if ( ! is_string( $value ) || ! preg_match( '/^_?flashnode_connector_/', $value ) || ! preg_match( '/OPTION|TRANSIENT/', $constant->getName() ) ) {
					continue;
				}
				$names[] = ( false !== strpos( $constant->getName(), 'TRANSIENT' ) ? 'TRANSIENT:' : '' ) . $value;
			}
		}
		return array_values( array_unique( $names ) );
	}

	/**
	 * Names of the options, transients and request claims of the plugin in the database.
	 *
	 * @return string[]
	 */
	private static function stored_options(): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return $wpdb->get_col( $wpdb->prepare( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s", '%' . $wpdb->esc_like( 'flashnode_connector' ) . '%' ) );
	}
}
