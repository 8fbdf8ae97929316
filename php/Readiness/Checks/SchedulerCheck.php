<?php
/**
 * Action Scheduler and WP-Cron running webhook deliveries.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce delivers webhooks through Action Scheduler (group woocommerce-webhooks), which WP-Cron runs.
 * With cron disabled and nothing else running the queue, deliveries pile up silently.
 */
final class SchedulerCheck implements Check {

	/** Deliveries waiting longer than this count as overdue. */
	private const OVERDUE_AFTER_SECONDS = 600;

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'scheduler';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Cron and Action Scheduler', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * The queue changes all the time; five minutes of cache are what the owner sees.
	 */
	public function stale_on(): array {
		return array();
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the queue is read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$cron_disabled = defined( 'DISABLE_WP_CRON' ) && constant( 'DISABLE_WP_CRON' );
		$overdue       = function_exists( 'as_get_scheduled_actions' )
			? count(
				as_get_scheduled_actions(
					array(
						'group'        => 'woocommerce-webhooks',
						'status'       => 'pending', // ActionScheduler_Store::STATUS_PENDING.
						'date'         => gmdate( 'Y-m-d H:i:s', time() - self::OVERDUE_AFTER_SECONDS ),
						'date_compare' => '<=',
						'per_page'     => 100,
					),
					'ids'
				)
			)
			: 0;
		$details       = array(
			'wp_cron_disabled'      => $cron_disabled,
			'overdue_deliveries'    => $overdue,
			'overdue_after_minutes' => self::OVERDUE_AFTER_SECONDS / 60,
		);
		$why           = __( 'Webhook deliveries wait in Action Scheduler until WP-Cron runs it; if nothing runs it, the integration never hears of new orders.', 'flashnode-connector' );

		if ( $overdue > 0 && $cron_disabled ) {
			return CheckResult::error(
				/* translators: %d: number of deliveries. */
				sprintf( _n( '%d webhook delivery is overdue, and WP-Cron is disabled (DISABLE_WP_CRON) with nothing else running the queue.', '%d webhook deliveries are overdue, and WP-Cron is disabled (DISABLE_WP_CRON) with nothing else running the queue.', $overdue, 'flashnode-connector' ), $overdue ),
				$why,
				__( 'Add a system cron job that requests wp-cron.php every minute (your host\'s control panel has "Cron jobs"), or remove DISABLE_WP_CRON from wp-config.php.', 'flashnode-connector' ),
				$details
			);
		}
		if ( $overdue > 0 ) {
			return CheckResult::warning(
				/* translators: %d: number of deliveries. */
				sprintf( _n( '%d webhook delivery is overdue: WP-Cron is not running often enough.', '%d webhook deliveries are overdue: WP-Cron is not running often enough.', $overdue, 'flashnode-connector' ), $overdue ),
				$why,
				__( 'WP-Cron runs only when someone visits the shop. Add a system cron job that requests wp-cron.php every minute.', 'flashnode-connector' ),
				$details
			);
		}
		return CheckResult::ok(
			$cron_disabled
				? __( 'No webhook delivery is overdue; WP-Cron is disabled and another runner keeps the queue moving.', 'flashnode-connector' )
				: __( 'No webhook delivery is overdue.', 'flashnode-connector' ),
			$details
		);
	}
}
