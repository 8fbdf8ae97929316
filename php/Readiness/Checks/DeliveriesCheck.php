<?php
/**
 * Whether the order changes the plugin pushes reach their services.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Connection\Connections;
use Flashnode\Connector\Delivery\Alerts;
use Flashnode\Connector\Delivery\Dispatcher;
use Flashnode\Connector\Delivery\RetrySchedule;
use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * An error (a critical Site Health result) while a connection is late (Delivery\Alerts): orders are not reaching
 * a service. Nothing is lost, but the back office is behind, and the owner should know before customers ask.
 */
final class DeliveriesCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'deliveries';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Order deliveries', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( Alerts::OPTION, Connections::OPTION );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the state is local.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$late    = array_column( Alerts::late(), 'service_name' );
		$count   = count( Dispatcher::delivering() );
		$details = array(
			'delivering' => $count,
			'late'       => $late,
		);
		if ( array() !== $late ) {
			return CheckResult::error(
				/* translators: %s: comma-separated names of services. */
				sprintf( __( 'Orders are not reaching: %s.', 'flashnode-connector' ), implode( ', ', $late ) ),
				/* translators: %d: minutes. */
				sprintf( __( 'An order change has waited for delivery for more than %d minutes. The plugin keeps every change and keeps retrying, so nothing is lost, but the service is behind.', 'flashnode-connector' ), (int) round( RetrySchedule::late_after() / MINUTE_IN_SECONDS ) ),
				__( 'Open Connections in WooCommerce > Settings > Flashnode: the delivery log shows each attempt and its error. Once the service answers again, "Retry now" sends the waiting changes at once.', 'flashnode-connector' ),
				$details
			);
		}
		if ( 0 === $count ) {
			return CheckResult::not_applicable( __( 'No connected service receives order deliveries from the plugin.', 'flashnode-connector' ), $details );
		}
		/* translators: %d: number of services. */
		return CheckResult::ok( sprintf( _n( 'Order changes reach the %d service that receives them.', 'Order changes reach all %d services that receive them.', $count, 'flashnode-connector' ), $count ), $details );
	}
}
