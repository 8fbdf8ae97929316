<?php
/**
 * Admin notice: orders no service acknowledged in time.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Admin;

use Flashnode\Connector\Feed\ChangeLog;
use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\Consumers;
use Flashnode\Connector\Feed\OrderFlow;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * Shown only on shops where a service acknowledges orders (otherwise every processing order would count as
 * stuck). The count is cached for five minutes, so admin pages cost one transient read.
 */
final class StuckOrdersNotice {

	/**
	 * Hooks in. Admin requests only.
	 */
	public function register(): void {
		add_action( 'admin_notices', array( $this, 'render' ) );
	}

	/**
	 * Prints the notice when orders are stuck.
	 */
	public function render(): void {
		if ( ! current_user_can( 'edit_shop_orders' ) || ! ChangeLogSchema::is_installed() ) {
			return;
		}
		$count = self::count();
		if ( $count <= 0 ) {
			return;
		}
		$url = admin_url( OrderStorage::hpos_enabled() ? 'admin.php?page=wc-orders' : 'edit.php?post_type=shop_order' );
		printf(
			'<div class="notice notice-warning flashnode-stuck-orders"><p>%s <a href="%s">%s</a></p></div>',
			esc_html(
				sprintf(
					/* translators: 1: number of orders, 2: minutes. */
					_n( '%1$d order waiting for transfer has not been acknowledged by any connected service for more than %2$d minutes.', '%1$d orders waiting for transfer have not been acknowledged by any connected service for more than %2$d minutes.', $count, 'flashnode-connector' ),
					$count,
					OrderFlow::threshold_minutes()
				)
			),
			esc_url( add_query_arg( OrderListColumn::PARAM, 'none', $url ) ),
			esc_html__( 'Show orders not transferred', 'flashnode-connector' )
		);
	}

	/**
	 * Unacknowledged orders past the threshold; 0 while no service acknowledges orders.
	 */
	public static function count(): int {
		$acknowledging = array_filter(
			Consumers::all(),
			static function ( array $consumer ): bool {
				return null !== $consumer['last_ack_gmt'];
			}
		);
		if ( array() === $acknowledging ) {
			return 0;
		}
		$cached = get_transient( OrderFlow::CACHE_TRANSIENT );
		if ( is_numeric( $cached ) ) {
			return (int) $cached;
		}
		$count = (int) OrderFlow::numbers( false )['unacknowledged_orders'];
		set_transient( OrderFlow::CACHE_TRANSIENT, $count, 5 * MINUTE_IN_SECONDS );
		return $count;
	}
}
