<?php
/**
 * Site Health (tests and Info) and the WooCommerce status report section, inside the real shop.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Readiness\Readiness;
use Flashnode\Connector\Support\SiteHealthTests;
use Flashnode\Connector\Support\StatusReport;

/**
 * The checks appear where owners and support look, with the tab's words, from the cached report.
 */
final class SiteHealthTest extends RestTestCase {

	/**
	 * Permalink structure before the test.
	 *
	 * @var string
	 */
	private $permalinks = '';

	/**
	 * Outbound HTTP requests seen by count_requests().
	 *
	 * @var string[]
	 */
	private $requests = array();

	/**
	 * Remembers the permalinks and counts outbound requests.
	 */
	protected function setUp(): void {
		parent::setUp();
		$this->permalinks = (string) get_option( 'permalink_structure' );
		add_filter( 'pre_http_request', array( $this, 'count_request' ), 1, 3 );
	}

	/**
	 * Restores the permalinks.
	 */
	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'count_request' ), 1 );
		update_option( 'permalink_structure', $this->permalinks );
		parent::tearDown();
	}

	/**
	 * Notes an outbound request without answering it.
	 *
	 * @param mixed  $pre  Short-circuit answer so far.
	 * @param mixed  $args Request arguments.
	 * @param string $url  URL.
	 * @return mixed
	 */
	public function count_request( $pre, $args, $url ) {
		$this->requests[] = (string) $url;
		return $pre;
	}

	/**
	 * GET flashnode/v1/readiness/site-health/<name> as the current user.
	 *
	 * @param string $name Test name.
	 */
	private function site_health( string $name ): \WP_REST_Response {
		return rest_do_request( new \WP_REST_Request( 'GET', '/flashnode/v1/readiness/site-health/' . $name ) );
	}

	/**
	 * Each check is an async test backed by a REST route in the plugin's own namespace.
	 */
	public function test_each_check_is_an_async_test_backed_by_a_rest_route_of_the_plugin(): void {
		$tests = apply_filters(
			'site_status_tests',
			array(
				'direct' => array(),
				'async'  => array(),
			)
		);
		$ours  = array_filter(
			$tests['async'],
			static function ( $name ): bool {
				return 0 === strpos( $name, 'flashnode-' );
			},
			ARRAY_FILTER_USE_KEY
		);
		$this->assertCount( count( Readiness::default_checks() ), $ours );
		$this->assertSame( rest_url( 'flashnode/v1/readiness/site-health/flashnode-authorization-header' ), $ours['flashnode-authorization-header']['test'] );
		$this->assertTrue( $ours['flashnode-permalinks']['has_rest'] );
		$this->assertSame( 'Permalinks', $ours['flashnode-permalinks']['label'] );
		$this->assertIsCallable( $ours['flashnode-permalinks']['async_direct_test'], 'WordPress\'s cron run calls it without HTTP.' );
		$this->assertArrayHasKey( '/flashnode/v1/readiness/site-health/(?P<test>flashnode-[a-z-]+)', rest_get_server()->get_routes() );
		// WordPress core's Site Health namespace gets nothing from the plugin.
		$this->assertSame( array(), preg_grep( '#^/wp-site-health/v1/.*flashnode#', array_keys( rest_get_server()->get_routes() ) ) );
	}

	/**
	 * A failing check is critical with the tabs words and a link to the tab.
	 */
	public function test_a_failing_check_is_critical_with_the_tabs_words_and_a_link_to_the_tab(): void {
		update_option( 'permalink_structure', '' );
		$data = $this->assertRestSuccess( 200, $this->site_health( 'flashnode-permalinks' ) );
		$tab  = $this->assertRestSuccess( 200, $this->call( 'GET', '/readiness' ) );
		$same = array_column( $tab['results'], null, 'id' )['permalinks'];
		$this->assertSame( 'critical', $data['status'] );
		$this->assertSame( $same['message'], $data['label'] );
		$this->assertStringContainsString( esc_html( $same['why'] ), $data['description'] );
		$this->assertStringContainsString( esc_html( $same['fix'] ), $data['description'] );
		$this->assertStringContainsString( 'Needs action', $data['description'] );
		$this->assertStringContainsString( 'admin.php?page=wc-settings&#038;tab=flashnode', $data['actions'] );
		$this->assertSame( 'flashnode-permalinks', $data['test'] );
		$this->assertSame( 'Flashnode Connector', $data['badge']['label'] );
		$this->assertSame( $data, call_user_func( SiteHealthTests::class . '::result', 'permalinks' ), 'The cron run (direct) says the same.' );
	}

	/**
	 * A passing check is good.
	 */
	public function test_a_passing_check_is_good(): void {
		update_option( 'permalink_structure', '/%postname%/' );
		$data = $this->assertRestSuccess( 200, $this->site_health( 'flashnode-permalinks' ) );
		$this->assertSame( 'good', $data['status'] );
		$this->assertSame( 'Pretty permalinks are on (/%postname%/).', $data['label'] );
	}

	/**
	 * No outbound request while the report is fresh.
	 */
	public function test_no_outbound_request_while_the_report_is_fresh(): void {
		( new Readiness() )->report( true );
		$this->requests = array();
		foreach ( Readiness::default_checks() as $check ) {
			$this->assertRestSuccess( 200, $this->site_health( SiteHealthTests::name( $check->id() ) ) );
		}
		$this->assertSame( array(), $this->requests, 'Nine Site Health tests, no loopback request.' );
		Readiness::forget();
		$this->assertRestSuccess( 200, $this->site_health( 'flashnode-https' ) );
		$this->assertNotSame( array(), $this->requests, 'A stale report runs the checks (and the counter sees their requests).' );
	}

	/**
	 * The route refuses unknown tests and, as every admin route, users who are not shop managers: a shop manager
	 * sees there what the tab shows them anyway.
	 */
	public function test_the_route_refuses_unknown_tests_and_users_who_are_not_shop_managers(): void {
		$this->assertRestError( 400, 'rest_invalid_param', $this->site_health( 'flashnode-nope' ) );
		wp_set_current_user( $this->create_user( 'shop_manager' ) );
		$this->assertRestSuccess( 200, $this->site_health( 'flashnode-permalinks' ) );
		wp_set_current_user( $this->create_user( 'customer' ) );
		$this->assertRestError( 403, 'flashnode_forbidden', $this->site_health( 'flashnode-permalinks' ) );
		wp_set_current_user( 0 );
		$this->assertRestError( 401, 'flashnode_forbidden', $this->site_health( 'flashnode-permalinks' ) );
	}

	/**
	 * Info lists the connection facts without secrets.
	 */
	public function test_info_lists_the_connection_facts_without_secrets(): void {
		$key  = $this->create_key();
		$info = apply_filters( 'debug_information', array() );
		$this->assertArrayHasKey( 'flashnode-connector', $info );
		$fields = $info['flashnode-connector']['fields'];
		$this->assertSame( array( 'version', 'service', 'credential_channel', 'last_health_call', 'last_health_call_with_key', 'keys', 'webhooks', 'transfer', 'feed_last_read', 'feed_lag', 'unacknowledged_orders', 'deliveries' ), array_keys( $fields ) );
		$this->assertSame( FLASHNODE_CONNECTOR_VERSION, $fields['version']['value'] );
		$this->assertStringContainsString( '…' . $key['truncated_key'] . ' read_write ok', $fields['keys']['value'] );
		$flat = (string) wp_json_encode( $info['flashnode-connector'] );
		$this->assertStringNotContainsString( (string) $key['consumer_key'], $flat );
		$this->assertStringNotContainsString( (string) $key['consumer_secret'], $flat );
	}

	/**
	 * The status report section uses woocommerces table markup and shows no secrets.
	 */
	public function test_the_status_report_section_uses_woocommerces_table_markup_and_shows_no_secrets(): void {
		update_option( 'permalink_structure', '' );
		$key = $this->create_key();
		// Hooked on admin requests only (is_admin() is false here; the browser test sees it in WooCommerce > Status).
		$html = $this->output_of( array( StatusReport::class, 'render' ) );
		$this->assertStringContainsString( '<table class="wc_status_table widefat" cellspacing="0" id="flashnode-connector-status"><thead><tr><th colspan="3" data-export-label="Flashnode Connector">', $html );
		$this->assertStringContainsString( '<td data-export-label="Check permalinks">Permalinks:</td>', $html );
		$this->assertMatchesRegularExpression( '#<td data-export-label="Check permalinks">.*?<mark class="error"><span class="dashicons dashicons-warning"></span></mark> Needs action: Permalinks are set to &quot;Plain&quot;.</td></tr>#', $html );
		foreach ( array( 'Version', 'Readiness', 'Service', 'Credential Channel', 'Last Health Call', 'Last Health Call With Key', 'Keys', 'Webhooks', 'Transfer', 'Feed Last Read', 'Feed Lag', 'Unacknowledged Orders' ) as $label ) {
			$this->assertStringContainsString( '<td data-export-label="' . $label . '">', $html );
		}
		$this->assertStringContainsString( '…' . $key['truncated_key'], $html );
		$this->assertStringNotContainsString( (string) $key['consumer_key'], $html );
		$this->assertStringNotContainsString( (string) $key['consumer_secret'], $html );
	}
}
