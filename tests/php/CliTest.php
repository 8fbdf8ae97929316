<?php
/**
 * `wp flashnode …` run by the real WP-CLI (Composer's wp-cli/wp-cli with wp-cli/entity-command, and
 * wp-cli/extension-command from the cache, see bin/wp-cli/) against the local shop, as a subprocess.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Connection\ServiceUser;
use Flashnode\Connector\Keys\ApiKeys;
use Flashnode\Connector\Settings;

/**
 * Each command, its output and its exit code: 0 done and no check fails, 1 a check fails or an action failed,
 * 2 bad arguments.
 */
final class CliTest extends RestTestCase {

	use RunsWpCli;

	/**
	 * Permalink structure before the test.
	 *
	 * @var string
	 */
	private $permalinks = '';

	/**
	 * Remembers the permalinks; the Legacy API is not needed, so that every check can pass on this shop.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->permalinks = (string) get_option( 'permalink_structure' );
		Settings::update( array( 'api_mode' => Settings::API_REST_V3 ) );
	}

	/**
	 * Restores the permalinks.
	 */
	protected function tearDown(): void {
		wp_cache_flush();
		update_option( 'permalink_structure', $this->permalinks );
		parent::tearDown();
	}

	/**
	 * Status exits 0 when every check passes and 1 when one fails.
	 */
	public function test_status_exits_0_when_every_check_passes_and_1_when_one_fails(): void {
		update_option( 'permalink_structure', '/%postname%/' );
		list( $code, $out ) = $this->wp( 'flashnode', 'status', '--format=json' );
		$report             = $this->json( $out );
		$this->assertSame( 0, $code, $out );
		$this->assertSame( 'not_applicable', array_column( $report['results'], 'status', 'id' )['legacy_api'] );

		update_option( 'permalink_structure', '' );
		list( $code, $out ) = $this->wp( 'flashnode', 'status' );
		$this->assertSame( 1, $code, $out );
		$this->assertMatchesRegularExpression( '/^permalinks\tNeeds action\tPermalinks\tPermalinks are set to "Plain"\.$/m', $out, 'The same words as the tab.' );
	}

	/**
	 * Check runs the checks and says why and what to do.
	 */
	public function test_check_runs_the_checks_and_says_why_and_what_to_do(): void {
		update_option( 'permalink_structure', '' );
		$before             = (string) get_option( 'flashnode_connector_last_readiness' )['checked_at'];
		list( $code, $out ) = $this->wp( 'flashnode', 'check', '--fresh' );
		$this->assertSame( 1, $code, $out );
		$this->assertStringContainsString( "Permalinks: Permalinks are set to \"Plain\".\n  Integrations call /wp-json/", $out );
		$this->assertStringContainsString( '(wp flashnode fix permalinks)', $out );
		$this->assertNotSame( $before, (string) get_option( 'flashnode_connector_last_readiness' )['checked_at'], '--fresh ran the checks.' );
	}

	/**
	 * Fix applies a one click fix and refuses unknown ones with 2.
	 */
	public function test_fix_applies_a_one_click_fix_and_refuses_unknown_ones_with_2(): void {
		update_option( 'permalink_structure', '' );
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'fix', 'permalinks' );
		$this->assertSame( 0, $code, $out . $err );
		$this->assertStringContainsString( 'Success: Pretty permalinks are on (/%postname%/).', $out );
		$this->assertSame( '/%postname%/', get_option( 'permalink_structure' ) );

		list( $code, , $err ) = $this->wp( 'flashnode', 'fix', 'nope' );
		$this->assertSame( 2, $code );
		$this->assertStringContainsString( 'Error: Unknown fix "nope". Fixes: permalinks,', $err );
		$this->assertSame( 2, $this->wp( 'flashnode', 'fix' )[0] );
		$this->assertSame( 2, $this->wp( 'flashnode', 'status', '--format=xml' )[0] );
	}

	/**
	 * Keys create prints the secret once list shows truncated keys revoke removes.
	 */
	public function test_keys_create_prints_the_secret_once_list_shows_truncated_keys_revoke_removes(): void {
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'keys', 'create', '--user=admin', '--permissions=read', '--description=' . self::MARKER, '--format=json' );
		$this->assertSame( 0, $code, $err );
		$key = $this->json( $out )[0];
		$this->assertMatchesRegularExpression( '/^ck_[0-9a-f]{40}$/', $key['consumer_key'] );
		$this->assertMatchesRegularExpression( '/^cs_[0-9a-f]{40}$/', $key['consumer_secret'] );
		$this->assertStringContainsString( 'not shown again', $err );

		list( $code, $out ) = $this->wp( 'flashnode', 'keys', 'list', '--format=json' );
		$this->assertSame( 0, $code );
		$this->assertStringNotContainsString( $key['consumer_secret'], $out );
		$this->assertStringNotContainsString( $key['consumer_key'], $out );
		$listed = array_column( $this->json( $out ), null, 'key_id' )[ $key['key_id'] ];
		$this->assertSame( '…' . substr( $key['consumer_key'], -7 ), $listed['truncated_key'] );
		$this->assertSame( 'read', $listed['permissions'] );

		$this->assertSame( 0, $this->wp( 'flashnode', 'keys', 'revoke', (string) $key['key_id'] )[0] );
		$this->assertNull( self::key_row( (int) $key['key_id'] ) );
		$this->assertSame( 2, $this->wp( 'flashnode', 'keys', 'revoke', (string) $key['key_id'] )[0], 'Gone: not one of the plugin\'s keys.' );
		$this->assertSame( 2, $this->wp( 'flashnode', 'keys', 'revoke', 'abc' )[0] );
		$this->assertSame( 2, $this->wp( 'flashnode', 'keys', 'create', '--user=admin', '--permissions=all' )[0] );
		list( $code, , $err ) = $this->wp( 'flashnode', 'keys', 'create' );
		$this->assertSame( 2, $code, 'Without --user nobody may own the key.' );
		$this->assertStringContainsString( '--user=<login>', $err );
	}

	/**
	 * Connections list and show what the page's cards show; disconnect revokes the connection's key and deletes its
	 * user; unknown ids exit 2.
	 */
	public function test_connections_list_show_and_disconnect(): void {
		$user_id = ServiceUser::create( self::MARKER . ' ERP', array( 'orders:read' ) );
		$this->assertIsInt( $user_id );
		$key = ApiKeys::create( $user_id, 'read', self::MARKER );
		$this->assertIsArray( $key );
		Connections::save(
			array(
				'service_name'     => self::MARKER . ' ERP',
				'service_host'     => 'erp.example',
				'connected_at_utc' => '2026-12-01T10:00:00Z',
				'user_id'          => $user_id,
				'scopes'           => array( 'orders:read' ),
				'key_ids'          => array( $key['key_id'] ),
			)
		);
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'connections', 'list', '--format=json' );
		$this->assertSame( 0, $code, $err );
		$listed = array_column( $this->json( $out ), null, 'id' )['erp-example'];
		$this->assertSame( 'orders:read', $listed['scopes'] );
		$this->assertSame( 'flashnode-flashnode-php-test-erp', $listed['user'] );
		$this->assertSame( (string) $key['key_id'], $listed['keys'] );

		list( $code, $out ) = $this->wp( 'flashnode', 'connections', 'show', 'erp-example', '--format=json' );
		$this->assertSame( 0, $code );
		$shown = $this->json( $out )[0];
		$this->assertSame( 'no', $shown['notifies_on_disconnect'] );
		$this->assertSame( 'no', $shown['offers_own_user'] );
		$this->assertStringEndsWith( '(shop-wide)', $shown['order_statuses'], 'No statuses of its own: it follows the setting.' );
		$this->assertSame( 2, $this->wp( 'flashnode', 'connections', 'show', 'nope' )[0] );

		list( $code, $out, $err ) = $this->wp( 'flashnode', 'connections', 'disconnect', 'erp-example' );
		$this->assertSame( 0, $code, $err );
		$this->assertStringContainsString( '1 key(s) revoked', $out );
		$this->assertNull( self::key_row( (int) $key['key_id'] ) );
		clean_user_cache( $user_id );
		$this->assertFalse( get_userdata( $user_id ) );
		$this->assertSame( 2, $this->wp( 'flashnode', 'connections', 'disconnect', 'erp-example' )[0] );
	}

	/**
	 * Webhooks register list test and delete.
	 */
	public function test_webhooks_register_list_test_and_delete(): void {
		$shop                     = home_url( '/' );
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'webhooks', 'register', $shop, '--topics=order.created', '--name=' . self::MARKER, '--user=admin' );
		$this->assertSame( 0, $code, $out . $err );
		$this->assertMatchesRegularExpression( '/^Secret: [A-Za-z0-9]{40}$/m', $out );
		list( $code, $out ) = $this->wp( 'flashnode', 'webhooks', 'list', '--format=json' );
		$this->assertSame( 0, $code );
		$ours = array_values(
			array_filter(
				$this->json( $out ),
				static function ( array $webhook ) use ( $shop ): bool {
					return $shop === $webhook['delivery_url'];
				}
			)
		);
		$this->assertCount( 1, $ours );
		$this->assertSame( array( 'order.created', 'active', 0 ), array( $ours[0]['topic'], $ours[0]['status'], $ours[0]['failure_count'] ) );
		$id = (string) $ours[0]['id'];

		// The shop's home page accepts the signed POST; an address that answers 404 does not.
		list( $code, $out, $err ) = $this->wp( 'flashnode', 'webhooks', 'test', $id );
		$this->assertSame( 0, $code, $out . $err );
		$this->assertStringContainsString( 'the test delivery was accepted', $out );
		$missing = home_url( '/wp-json/flashnode-cli-test/none' );
		$this->assertSame( 0, $this->wp( 'flashnode', 'webhooks', 'register', $missing, '--topics=order.created', '--name=' . self::MARKER, '--user=admin' )[0] );
		$failing              = array_values(
			array_filter(
				$this->json( $this->wp( 'flashnode', 'webhooks', 'list', '--format=json' )[1] ),
				static function ( array $webhook ) use ( $missing ): bool {
					return $missing === $webhook['delivery_url'];
				}
			)
		)[0];
		list( $code, , $err ) = $this->wp( 'flashnode', 'webhooks', 'test', (string) $failing['id'] );
		$this->assertSame( 1, $code, $err );

		$this->assertSame( 0, $this->wp( 'flashnode', 'webhooks', 'delete', $id )[0] );
		$this->assertNull( self::webhook_row( (int) $id ) );
		$this->assertSame( 2, $this->wp( 'flashnode', 'webhooks', 'delete', $id )[0] );
		$this->assertSame( 2, $this->wp( 'flashnode', 'webhooks', 'register', 'http://example.com/hook', '--user=admin' )[0], 'OutboundUrl refuses plain http.' );
		$this->assertSame( 2, $this->wp( 'flashnode', 'webhooks', 'register', $shop, '--topics=order.exploded', '--user=admin' )[0] );
		$this->assertSame( 2, $this->wp( 'flashnode', 'webhooks', 'register', $shop )[0], 'Without --user the payload would have no user.' );
	}

	/**
	 * Without the command packages in the cache, WP-CLI stops with a message that names the repository and tag to
	 * unpack and where; the listing bin/install-deps.sh runs names every missing one.
	 */
	public function test_a_missing_command_package_is_named(): void {
		list( $code, , $err ) = $this->wp_with( 'FLASHNODE_WP_CLI_PACKAGES_DIR=/nonexistent', 'option', 'get', 'home' );
		$this->assertSame( 1, $code );
		$this->assertMatchesRegularExpression( '~wp-cli/extension-command is missing from /nonexistent/wp-cli-extension-command-[0-9.]+/ \(repository github\.com/wp-cli/extension-command, tag v[0-9.]+\)\. `bash bin/install-deps\.sh composer` downloads it~', $err );

		$listing = 'FLASHNODE_WP_CLI_PACKAGES_DIR=/nonexistent ' . escapeshellarg( PHP_BINARY ) . ' ' . escapeshellarg( dirname( __DIR__, 2 ) . '/bin/wp-cli/command-packages.php' ) . ' 2>&1';
		exec( $listing, $output, $status ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_exec -- runs the check as bin/install-deps.sh does.
		$this->assertSame( 1, $status );
		foreach ( array( 'extension-command', 'eval-command', 'cron-command' ) as $name ) {
			$this->assertStringContainsString( "wp-cli/{$name} is missing", implode( "\n", $output ) );
		}
	}
}
