<?php
/**
 * Requirements met on the real shop. The missing-WooCommerce path is exercised for real in the browser tier
 * (tests/e2e/owner-path.spec.ts deactivates WooCommerce), because WooCommerce cannot be unloaded in-process.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Requirements;

/**
 * Requirements and their notice.
 */
final class RequirementsTest extends TestCase {

	/**
	 * WooCommerce is active and new enough on the test shop.
	 */
	public function test_are_met_with_active_woocommerce(): void {
		$this->assertTrue( version_compare( WC_VERSION, FLASHNODE_CONNECTOR_MIN_WC_VERSION, '>=' ) );
		$this->assertTrue( Requirements::are_met() );
	}

	/**
	 * No notice when all is well, even for an administrator.
	 */
	public function test_notice_is_silent_when_requirements_are_met(): void {
		wp_set_current_user( (int) get_user_by( 'login', 'admin' )->ID );
		$this->assertSame( '', $this->output_of( array( Requirements::class, 'print_notice' ) ) );
		wp_set_current_user( 0 );
	}
}
