<?php
/**
 * Where orders are stored (informational).
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;
use Flashnode\Connector\Shop\OrderStorage;

defined( 'ABSPATH' ) || exit;

/**
 * High-Performance Order Storage (custom order tables) and its sync with the posts table. Both work with
 * the REST API; support staff ask for it first when orders look different in the back office.
 */
final class OrderStorageCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'order_storage';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Order storage (HPOS)', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( OrderStorage::HPOS_OPTION, OrderStorage::SYNC_OPTION );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the setting is read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$hpos    = OrderStorage::hpos_enabled();
		$sync    = OrderStorage::sync_enabled();
		$message = $hpos
			? __( 'Orders are stored in High-Performance Order Storage (custom order tables).', 'flashnode-connector' )
			: __( 'Orders are stored in the WordPress posts table.', 'flashnode-connector' );
		if ( $sync ) {
			$message .= ' ' . __( 'Compatibility sync with the other storage is on.', 'flashnode-connector' );
		}
		return CheckResult::ok(
			$message,
			array(
				'hpos' => $hpos,
				'sync' => $sync,
			)
		);
	}
}
