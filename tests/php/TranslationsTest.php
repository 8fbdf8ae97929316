<?php
/**
 * The plugin's server-side text in another language (Finnish): REST error messages, the readiness report and an
 * admin notice are worded from the shipped .mo, while everything a program decides on (error codes, check ids,
 * statuses, CSS classes) stays the same. The expected wording comes from the repository's .po, read with
 * WordPress's own PO class (the zip carries only the .mo compiled from it).
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Admin\StuckOrdersNotice;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Plugin;
use Flashnode\Connector\Readiness\Readiness;

/**
 * Each test switches to Finnish the way WordPress does for a user's language (switch_to_locale()).
 */
final class TranslationsTest extends FeedTestCase {

	private const LOCALE = 'fi';

	private const DOMAIN = 'flashnode-connector';

	/**
	 * The Finnish catalog.
	 *
	 * @var \PO|null
	 */
	private static $po = null;

	/**
	 * WordPress's locale switcher while this class runs its own.
	 *
	 * @var \WP_Locale_Switcher|null
	 */
	private static $saved_switcher = null;

	/**
	 * Makes Finnish available to WordPress (see tests/e2e/support/core-language.php). The locale switcher lists
	 * the installed languages when WordPress loads, so a new one that sees the stand-in takes its place.
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		require_once dirname( __DIR__ ) . '/e2e/support/core-language.php';
		flashnode_tests_install_core_language( self::LOCALE );
		self::$saved_switcher          = $GLOBALS['wp_locale_switcher'];
		$GLOBALS['wp_locale_switcher'] = new \WP_Locale_Switcher();
		$GLOBALS['wp_locale_switcher']->init();
	}

	/**
	 * Puts WordPress's switcher back and removes the stand-in.
	 */
	public static function tearDownAfterClass(): void {
		foreach ( array( 'locale', 'determine_locale' ) as $hook ) {
			remove_filter( $hook, array( $GLOBALS['wp_locale_switcher'], 'filter_locale' ) );
		}
		$GLOBALS['wp_locale_switcher'] = self::$saved_switcher;
		flashnode_tests_remove_core_languages();
		parent::tearDownAfterClass();
	}

	/**
	 * Back to the site's language.
	 */
	protected function tearDown(): void {
		$this->restore_language();
		parent::tearDown();
	}

	/**
	 * Switches to Finnish and loads the plugin's translations as a request in Finnish does at init. Loading them
	 * again matters on WordPress 6.1: once its just-in-time loader found no English file for the domain earlier
	 * in this process, it never looks again after switch_to_locale().
	 */
	private function switch_to_finnish(): void {
		$this->assertTrue( switch_to_locale( self::LOCALE ), 'WordPress offers Finnish.' );
		unload_textdomain( self::DOMAIN, true );
		( new Plugin() )->load_textdomain();
		if ( version_compare( get_bloginfo( 'version' ), '6.7', '<' ) ) {
			// Before WordPress 6.7 the plugin only registers its folder and the just-in-time loader reads it, as it
			// does in a fresh request in Finnish; here the registry already noted "no file" for English.
			$GLOBALS['wp_textdomain_registry']->set( self::DOMAIN, self::LOCALE, WP_PLUGIN_DIR . '/flashnode-connector/languages' );
		}
	}

	/**
	 * Back to the site's language, with the plugin's Finnish translations unloaded.
	 */
	private function restore_language(): void {
		while ( is_locale_switched() ) {
			restore_previous_locale();
		}
		unload_textdomain( self::DOMAIN, true );
	}

	/**
	 * The Finnish text of a message in the repository's .po; fails when it is missing or the same as the English.
	 *
	 * @param string $msgid English text.
	 * @param int    $form  Plural form.
	 */
	private function finnish( string $msgid, int $form = 0 ): string {
		if ( null === self::$po ) {
			require_once ABSPATH . WPINC . '/pomo/po.php';
			self::$po = new \PO();
			self::$po->import_from_file( dirname( __DIR__, 2 ) . '/plugin/languages/flashnode-connector-' . self::LOCALE . '.po' );
		}
		$entry       = self::$po->entries[ $msgid ] ?? null;
		$translation = null === $entry ? '' : (string) ( $entry->translations[ $form ] ?? '' );
		$this->assertNotSame( '', $translation, "No Finnish translation of: $msgid" );
		$this->assertNotSame( $msgid, $translation );
		return $translation;
	}

	/**
	 * A REST error keeps its code and status; only its message is Finnish.
	 */
	public function test_rest_error_keeps_its_code_in_finnish(): void {
		$params  = array(
			'request_id'   => $this->request_id(),
			'callback_url' => 'http://service.example/connect',
		);
		$english = $this->call( 'POST', '/connection', $params );
		$this->assertRestError( 400, 'flashnode_invalid_url', $english );

		$this->switch_to_finnish();
		$params['request_id'] = $this->request_id();
		$finnish              = $this->call( 'POST', '/connection', $params );
		$this->assertRestError( 400, 'flashnode_invalid_url', $finnish );
		$this->assertSame(
			$this->finnish( 'Only https:// addresses are accepted: API secrets and orders must travel encrypted.' ),
			$finnish->get_data()['message']
		);
		$this->assertNotSame( $english->get_data()['message'], $finnish->get_data()['message'] );
	}

	/**
	 * The readiness report is worded in the language of whoever asks: a report cached for an English request is
	 * not shown to a Finnish one (its messages were worded when the checks ran), and ids and statuses stay.
	 */
	public function test_readiness_report_follows_the_language(): void {
		Readiness::forget();
		$english = $this->assertRestSuccess( 200, $this->call( 'GET', '/readiness' ) );

		$this->switch_to_finnish();
		$finnish = $this->assertRestSuccess( 200, $this->call( 'GET', '/readiness' ) );
		$this->assertSame( array_column( $english['results'], 'status', 'id' ), array_column( $finnish['results'], 'status', 'id' ) );
		$english_environment = array_column( $english['results'], null, 'id' )['environment'];
		$finnish_environment = array_column( $finnish['results'], null, 'id' )['environment'];
		$this->assertSame( $this->finnish( 'WordPress, WooCommerce and PHP versions' ), $finnish_environment['title'] );
		$this->assertNotSame( $english_environment['message'], $finnish_environment['message'] );

		$this->restore_language();
		$again = $this->assertRestSuccess( 200, $this->call( 'GET', '/readiness' ) );
		$this->assertSame( $english_environment['message'], array_column( $again['results'], null, 'id' )['environment']['message'] );
	}

	/**
	 * The stuck-orders notice in Finnish, with the right plural form, and the same class and link.
	 */
	public function test_stuck_orders_notice_in_finnish(): void {
		delete_option( Consumers::OPTION );
		$this->make_stale( $this->order()->get_id() );
		$this->present_key( 'read_write', 'ERP' );
		$this->feed_call( 'POST', '/acks', array( 'order_ids' => array( $this->order()->get_id() ) ) );
		wp_set_current_user( $this->admin_id );
		// One stuck order: the singular form.
		set_transient( OrderFlow::CACHE_TRANSIENT, 1, MINUTE_IN_SECONDS );

		$this->switch_to_finnish();
		$html = $this->output_of( array( new StuckOrdersNotice(), 'render' ) );
		delete_transient( OrderFlow::CACHE_TRANSIENT );
		$this->assertStringContainsString( 'flashnode-stuck-orders', $html );
		$this->assertStringContainsString( 'flashnode_transfer=none', $html );
		$this->assertStringContainsString(
			esc_html( sprintf( $this->finnish( '%1$d order waiting for transfer has not been acknowledged by any connected service for more than %2$d minutes.' ), 1, OrderFlow::threshold_minutes() ) ),
			$html
		);
		$this->assertStringContainsString( esc_html( $this->finnish( 'Show orders not transferred' ) ), $html );
	}
}
