<?php
/**
 * GET flashnode/v1/readiness, POST/DELETE flashnode/v1/readiness/fixes/{id}.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Plugin;
use Flashnode\Connector\Readiness\Fixes\AuthorizationHeaderFix;
use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Shop\LegacyApi;

/**
 * The report and the one-click fixes, applied for real and undone afterwards.
 */
final class ReadinessRoutesTest extends RestTestCase {

	/** The checks the report always has. */
	private const CHECKS = array( 'environment', 'permalinks', 'https', 'authorization_header', 'rest_api', 'legacy_api', 'scheduler', 'site_visibility', 'order_storage', 'change_log', 'connections', 'deliveries' );

	/**
	 * Legacy API option before the test.
	 *
	 * @var mixed
	 */
	private $legacy_api;

	/**
	 * .htaccess before the test (null: absent), and whether its backup existed.
	 *
	 * @var array{0:?string,1:bool}
	 */
	private $htaccess = array( null, false );

	/**
	 * Remembers what the fixes change.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->legacy_api = get_option( LegacyApi::OPTION, null );
		$path             = AuthorizationHeaderFix::htaccess_path();
		$this->htaccess   = array(
			file_exists( $path ) ? (string) file_get_contents( $path ) : null, // phpcs:ignore WordPress.WP.AlternativeFunctions
			file_exists( $path . AuthorizationHeaderFix::BACKUP_SUFFIX ),
		);
	}

	/**
	 * Puts it back.
	 */
	protected function tearDown(): void {
		null === $this->legacy_api ? delete_option( LegacyApi::OPTION ) : update_option( LegacyApi::OPTION, $this->legacy_api );
		$path = AuthorizationHeaderFix::htaccess_path();
		if ( null !== $this->htaccess[0] && file_get_contents( $path ) !== $this->htaccess[0] ) { // phpcs:ignore WordPress.WP.AlternativeFunctions
			file_put_contents( $path, $this->htaccess[0] ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
		if ( ! $this->htaccess[1] && file_exists( $path . AuthorizationHeaderFix::BACKUP_SUFFIX ) ) {
			unlink( $path . AuthorizationHeaderFix::BACKUP_SUFFIX ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		}
		parent::tearDown();
	}

	/**
	 * The report lists every check with its title, explanation and fix, and the question of each fix it offers:
	 * the page takes all of it from here.
	 */
	public function test_report(): void {
		$report = $this->assertRestSuccess( 200, $this->call( 'GET', '/readiness' ) );
		$this->assertSame( array( 'checked_at', 'status', 'results' ), array_keys( $report ) );
		$this->assertContains( $report['status'], array( 'ok', 'warning', 'error' ) );
		$this->assertEqualsCanonicalizing( self::CHECKS, array_column( $report['results'], 'id' ) );
		$fixes = Readiness::fixes();
		foreach ( $report['results'] as $result ) {
			$this->assertSame( array( 'id', 'status', 'message', 'why', 'fix', 'fix_id', 'undo_id', 'details', 'title', 'fix_question', 'undo_question' ), array_keys( $result ), $result['id'] );
			$this->assertNotSame( $result['id'], $result['title'], 'Every check has a title of its own.' );
			$this->assertSame( null === $result['fix_id'] ? null : $fixes[ $result['fix_id'] ]->question(), $result['fix_question'], $result['id'] );
		}
		$this->assertSame( $report, $this->assertRestSuccess( 200, $this->call( 'GET', '/readiness' ) ), 'Served from the cache.' );
	}

	/**
	 * Changing permalinks in Settings > Permalinks (or a plugin's activation) drops the cached report, so the page
	 * never shows a state the owner has just fixed elsewhere.
	 */
	public function test_changes_made_elsewhere_drop_the_cached_report(): void {
		$structure = (string) get_option( 'permalink_structure' );
		$this->call( 'GET', '/readiness' );
		$this->assertNotFalse( get_transient( Readiness::CACHE_TRANSIENT ) );

		update_option( 'permalink_structure', '' === $structure ? '/%postname%/' : '' );
		update_option( 'permalink_structure', $structure );
		$this->assertFalse( get_transient( Readiness::CACHE_TRANSIENT ), 'Permalinks changed.' );

		$this->call( 'GET', '/readiness' );
		do_action( 'deactivated_plugin', 'some-plugin/some-plugin.php', false );
		$this->assertFalse( get_transient( Readiness::CACHE_TRANSIENT ), 'A plugin was deactivated.' );

		// Every option a check names in stale_on(), whoever changes it: Plugin hooks the same list, by name.
		$options = array();
		foreach ( Readiness::default_checks() as $check ) {
			$options = array_merge( $options, $check->stale_on() );
		}
		$options = array_values( array_unique( $options ) );
		$this->assertContains( 'woocommerce_custom_orders_table_data_sync_enabled', $options );
		$listed = Plugin::READINESS_OPTIONS;
		sort( $options );
		sort( $listed );
		$this->assertSame( $options, $listed, 'Plugin::READINESS_OPTIONS is the checks\' stale_on(), no more, no less.' );
		foreach ( $options as $option ) {
			foreach ( array( 'add_option_', 'update_option_', 'delete_option_' ) as $action ) {
				$this->call( 'GET', '/readiness' );
				do_action( $action . $option, 'a', 'b', $option );
				$this->assertFalse( get_transient( Readiness::CACHE_TRANSIENT ), $action . $option );
			}
		}
		// For real, through WordPress's option API: added, then deleted.
		$coming_soon = get_option( 'woocommerce_coming_soon', null );
		delete_option( 'woocommerce_coming_soon' );
		$this->call( 'GET', '/readiness' );
		add_option( 'woocommerce_coming_soon', 'no' );
		$this->assertFalse( get_transient( Readiness::CACHE_TRANSIENT ), 'Added.' );
		$this->call( 'GET', '/readiness' );
		delete_option( 'woocommerce_coming_soon' );
		$this->assertFalse( get_transient( Readiness::CACHE_TRANSIENT ), 'Deleted.' );
		null === $coming_soon || update_option( 'woocommerce_coming_soon', $coming_soon );
		// Other options leave the report alone, and no generic option hook of the plugin is left.
		$this->call( 'GET', '/readiness' );
		update_option( 'blogdescription', get_option( 'blogdescription' ) . ' ' );
		update_option( 'blogdescription', trim( (string) get_option( 'blogdescription' ) ) );
		$this->assertNotFalse( get_transient( Readiness::CACHE_TRANSIENT ), 'An option no check reads.' );
		foreach ( array( 'added_option', 'updated_option', 'deleted_option' ) as $generic ) {
			$this->assertFalse( has_action( $generic, array( Readiness::class, 'forget' ) ), $generic );
		}
	}

	/**
	 * Bad arguments.
	 */
	public function test_bad_arguments(): void {
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'GET', '/readiness', array( 'fresh' => 'maybe' ) ) );
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'POST', '/readiness/fixes/https' ), 'A check without a fix' );
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'DELETE', '/readiness/fixes/bogus' ) );
		$this->assertRestError( 400, 'rest_invalid_param', $this->call( 'POST', '/readiness/fixes/Permalinks' ), 'WordPress matches routes case-insensitively; the enum is not.' );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'POST', '/readiness/fixes/legacy-api' ) );
		$this->assertRestError( 404, 'rest_no_route', $this->call( 'POST', '/readiness/fixes' ) );
	}

	/**
	 * A fix that is not needed changes nothing (409); settings fixes cannot be "removed" (400).
	 */
	public function test_fix_not_needed_and_not_removable(): void {
		$structure = get_option( 'permalink_structure' );
		$this->assertNotSame( '', $structure, 'The local shop uses pretty permalinks.' );
		$this->assertRestError( 409, 'flashnode_fix_not_needed', $this->call( 'POST', '/readiness/fixes/permalinks' ) );
		$this->assertSame( $structure, get_option( 'permalink_structure' ) );
		$this->assertRestError( 400, 'flashnode_fix_not_removable', $this->call( 'DELETE', '/readiness/fixes/permalinks' ) );
		$this->assertRestError( 400, 'flashnode_fix_not_removable', $this->call( 'DELETE', '/readiness/fixes/legacy_api' ) );
		$this->assertRestError( 400, 'flashnode_fix_not_removable', $this->call( 'DELETE', '/readiness/fixes/order_sync' ) );
	}

	/**
	 * The Legacy API fix switches WooCommerce's option on and answers the check's new result; where the Legacy
	 * API is not available (WooCommerce 9.0+ without its plugin, as on the local shop unless the browser tier
	 * activated it) it answers 409 and changes nothing.
	 */
	public function test_legacy_api_fix(): void {
		update_option( LegacyApi::OPTION, 'no' );
		$response = $this->call( 'POST', '/readiness/fixes/legacy_api' );
		if ( ! LegacyApi::is_available() ) {
			$this->assertRestError( 409, 'flashnode_fix_not_possible', $response );
			$this->assertSame( 'no', get_option( LegacyApi::OPTION ) );
			return;
		}
		$data = $this->assertRestSuccess( 200, $response );
		$this->assertSame( 'legacy_api', $data['fix'] );
		$this->assertSame( 'legacy_api', $data['result']['id'] );
		// The fresh report comes with it: the page needs no second run of the checks.
		$this->assertEqualsCanonicalizing( self::CHECKS, array_column( $data['report']['results'], 'id' ) );
		$this->assertContains( $data['result'], $data['report']['results'] );
		$this->assertSame( 'yes', get_option( LegacyApi::OPTION ) );
	}

	/**
	 * The Authorization header fix writes its block into .htaccess (keeping a backup) and DELETE takes it out.
	 */
	public function test_authorization_header_fix_and_its_removal(): void {
		$path = AuthorizationHeaderFix::htaccess_path();
		$this->assertNotNull( $this->htaccess[0], 'The local shop has a .htaccess.' );
		$this->assertStringNotContainsString( '# BEGIN Flashnode Connector', (string) $this->htaccess[0] );

		$data = $this->assertRestSuccess( 200, $this->call( 'POST', '/readiness/fixes/authorization_header' ) );
		$this->assertSame( 'authorization_header', $data['result']['id'] );
		$this->assertSame( 'authorization_header', $data['result']['undo_id'], 'The rule can be taken back.' );
		$this->assertSame( ( new AuthorizationHeaderFix() )->undo_question(), $data['result']['undo_question'] );
		$written = (string) file_get_contents( $path ); // phpcs:ignore WordPress.WP.AlternativeFunctions
		$this->assertStringContainsString( "# BEGIN Flashnode Connector\n", $written );
		$this->assertStringContainsString( 'SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1', $written );
		$this->assertStringContainsString( '# BEGIN WordPress', $written, "WordPress's own block stays." );
		$this->assertFileExists( $path . AuthorizationHeaderFix::BACKUP_SUFFIX );
		$this->assertRestError( 409, 'flashnode_fix_not_needed', $this->call( 'POST', '/readiness/fixes/authorization_header' ) );

		$this->assertSame( 'authorization_header', $this->assertRestSuccess( 200, $this->call( 'DELETE', '/readiness/fixes/authorization_header' ) )['fix'] );
		$this->assertSame( trim( (string) $this->htaccess[0] ), trim( (string) file_get_contents( $path ) ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions
	}
}
