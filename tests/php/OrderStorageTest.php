<?php
/**
 * What the Legacy REST API can see of an HPOS shop's orders while compatibility mode copies them, counted without
 * the race the browser test has with WooCommerce's background copy.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Readiness\Checks\LegacyApiCheck;
use Flashnode\Connector\Readiness\LoopbackProbe;
use Flashnode\Connector\Settings;
use Flashnode\Connector\Shop\LegacyApi;
use Flashnode\Connector\Shop\OrderStorage;

/**
 * Compatibility mode is reported on through `pre_option_` filters, not by saving the option: saving it makes
 * WooCommerce queue its copy (an Action Scheduler job a running queue runner may finish at once), and the order
 * made while it was off must stay uncopied for the count to be asserted.
 */
final class OrderStorageTest extends FeedTestCase {

	/**
	 * Removes the filters.
	 */
	protected function tearDown(): void {
		remove_all_filters( 'pre_option_' . OrderStorage::SYNC_OPTION );
		remove_all_filters( 'pre_option_' . LegacyApi::OPTION );
		parent::tearDown();
	}

	/**
	 * Reports compatibility mode on or off without saving the option.
	 *
	 * @param bool $on On.
	 */
	private static function report_sync( bool $on ): void {
		remove_all_filters( 'pre_option_' . OrderStorage::SYNC_OPTION );
		add_filter(
			'pre_option_' . OrderStorage::SYNC_OPTION,
			static function () use ( $on ) {
				return $on ? 'yes' : 'no';
			}
		);
	}

	/**
	 * Counted while copying, gone from the count once WooCommerce copied it.
	 */
	public function test_an_order_saved_while_compatibility_mode_was_off_is_counted_until_copied(): void {
		if ( ! OrderStorage::hpos_enabled() ) {
			// WooCommerce 7.8's compat shop keeps orders in posts: the posts table has every order, nothing is pending.
			$this->order();
			self::report_sync( true );
			$this->assertSame( 0, OrderStorage::pending_sync() );
			$this->assertTrue( OrderStorage::posts_table_has_orders() );
			return;
		}
		self::report_sync( false );
		$order = $this->order();
		// Off: nothing is being copied, and the posts table holds only the order's placeholder.
		$this->assertSame( 0, OrderStorage::pending_sync() );
		$this->assertFalse( OrderStorage::posts_table_has_orders() );

		self::report_sync( true );
		$pending = OrderStorage::pending_sync();
		$this->assertGreaterThanOrEqual( 1, $pending, 'the placeholder-only order is pending' );
		$this->assertFalse( OrderStorage::posts_table_has_orders( $pending ) );

		add_filter(
			'pre_option_' . LegacyApi::OPTION,
			static function () {
				return 'yes';
			}
		);
		if ( LegacyApi::is_available() ) {
			$facts = LegacyApi::facts();
			$this->assertFalse( $facts['sees_orders'] );
			$this->assertSame( $pending, $facts['pending_sync'] );
		}
		$this->assertFalse( LegacyApi::sees_orders( $pending ) );

		// WooCommerce's own copy of the order (what its background job does) ends the count for it.
		$this->assertSame( $pending - 1, $this->pending_after_copying( $order ) );
	}

	/**
	 * The readiness check's warning, with the count, while compatibility mode is on but the copy unfinished.
	 */
	public function test_the_check_warns_with_the_count_while_the_copy_runs(): void {
		if ( ! OrderStorage::hpos_enabled() ) {
			// WooCommerce 7.8's compat shop: orders in posts, so the Legacy API sees them all.
			$this->assertTrue( OrderStorage::posts_table_has_orders() );
			return;
		}
		$activated = false;
		if ( ! LegacyApi::is_available() ) {
			// The shop's baseline has the Legacy REST API plugin installed, inactive.
			$this->assertNull( activate_plugin( LegacyApi::PLUGIN_FILE ) );
			$activated = true;
		}
		try {
			self::report_sync( false );
			$this->order();
			self::report_sync( true );
			add_filter(
				'pre_option_' . LegacyApi::OPTION,
				static function () {
					return 'yes';
				}
			);
			add_filter(
				'pre_option_' . Settings::OPTION,
				static function () {
					return array( 'api_mode' => Settings::API_LEGACY );
				}
			);
			$result = ( new LegacyApiCheck() )->run( new LoopbackProbe() )->to_array();
			$this->assertSame( 'warning', $result['status'] );
			$this->assertGreaterThanOrEqual( 1, $result['details']['pending_sync'] );
			$this->assertStringContainsString( 'still copying orders', $result['message'] );
		} finally {
			remove_all_filters( 'pre_option_' . Settings::OPTION );
			if ( $activated ) {
				deactivate_plugins( LegacyApi::PLUGIN_FILE );
			}
		}
	}

	/**
	 * Copies the order to the posts table as compatibility mode does (saving it while sync is reported on makes
	 * WooCommerce write both storages), and counts again.
	 *
	 * @param \WC_Order $order The order.
	 */
	private function pending_after_copying( \WC_Order $order ): int {
		$order = wc_get_order( $order->get_id() );
		$this->assertInstanceOf( \WC_Order::class, $order );
		$order->set_customer_note( 'copied' );
		$order->save();
		return OrderStorage::pending_sync();
	}
}
