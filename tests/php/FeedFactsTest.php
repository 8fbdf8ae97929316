<?php
/**
 * The change feed's facts in Site Health Info and the WooCommerce status report.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Support\StatusReport;

/**
 * Last feed read, lag and unacknowledged orders appear in both places, with the numbers the health diagnosis
 * computes (OrderFlow), and without the key's secret.
 */
final class FeedFactsTest extends FeedTestCase {

	/**
	 * The Site Health Info fields of the plugin.
	 *
	 * @return array<string,array{label:string,value:string}>
	 */
	private static function info(): array {
		return apply_filters( 'debug_information', array() )['flashnode-connector']['fields'];
	}

	/**
	 * Before any service reads the feed: never read, no lag yet.
	 */
	public function test_before_the_first_read_the_facts_say_so(): void {
		delete_option( Consumers::OPTION );
		$fields = self::info();
		$this->assertSame( 'Last change feed read', $fields['feed_last_read']['label'] );
		$this->assertSame( 'Never', $fields['feed_last_read']['value'] );
		$this->assertSame( 'No service has read the feed yet', $fields['feed_lag']['value'] );
		$this->assertStringContainsString( 'unacknowledged for over ' . OrderFlow::threshold_minutes() . ' minutes', $fields['unacknowledged_orders']['value'] );
	}

	/**
	 * After a read, a new change and a stale order: the last read, the lag and the count, in both places.
	 */
	public function test_last_read_lag_and_unacknowledged_orders_appear_in_info_and_the_status_report(): void {
		delete_option( Consumers::OPTION );
		$stale  = $this->order( 'processing' )->get_id();
		$key    = $this->present_key( 'read', 'Feed facts ERP' );
		$page   = $this->assertRestSuccess(
			200,
			$this->feed_call(
				'GET',
				'/changes',
				array(
					'after' => 0,
					'limit' => 500,
				)
			)
		);
		$before = OrderFlow::numbers( false );
		$this->order( 'processing' );
		$this->make_stale( $stale );
		$flow = OrderFlow::numbers( false );
		$this->assertSame( 1 + (int) $before['unacknowledged_orders'], $flow['unacknowledged_orders'], 'The stale order counts.' );
		$this->assertGreaterThanOrEqual( 1, $flow['lag'], 'The new order\'s change is not read yet.' );

		$fields = self::info();
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by ' . preg_quote( self::MARKER, '/' ) . ' Feed facts ERP \(key #' . $key['key_id'] . '\), up to cursor ' . $page['next_cursor'] . '$/', $fields['feed_last_read']['value'] );
		$this->assertSame( sprintf( 1 === $flow['lag'] ? '%d change not read yet' : '%d changes not read yet', $flow['lag'] ), $fields['feed_lag']['value'] );
		$this->assertSame( sprintf( '%d %s in a transfer status, unchanged and unacknowledged for over %d minutes', $flow['unacknowledged_orders'], 1 === $flow['unacknowledged_orders'] ? 'order' : 'orders', $flow['threshold_minutes'] ), $fields['unacknowledged_orders']['value'] );

		$html = $this->output_of( array( StatusReport::class, 'render' ) );
		foreach ( array(
			'Feed Last Read'        => 'feed_last_read',
			'Feed Lag'              => 'feed_lag',
			'Unacknowledged Orders' => 'unacknowledged_orders',
		) as $export => $id ) {
			$this->assertStringContainsString( sprintf( '<td data-export-label="%s">%s:</td><td class="help">&nbsp;</td><td>%s</td>', $export, esc_html( $fields[ $id ]['label'] ), esc_html( $fields[ $id ]['value'] ) ), $html );
		}
		$this->assertStringNotContainsString( $key['consumer_key'], $html . wp_json_encode( $fields ) );
	}
}
