<?php
/**
 * Whether the order change log records every change.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Feed\LateChanges;
use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * The change feed is only as good as its table: when the table is missing or a write failed, orders change
 * without a row, and a consumer never hears of them. That must never be silent, so it is an error here (and a
 * critical Site Health result) with the one-click fix "Create the table again". Late changes (rows that committed
 * after the feed had passed their cursor, recorded again by LateChanges) are a warning: nothing was lost, but the
 * shop has a writer that holds transactions open for over a minute.
 */
final class ChangeLogCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'change_log';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Change log', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function stale_on(): array {
		return array( ChangeLogSchema::OPTION, ChangeLogSchema::ERROR_OPTION, LateChanges::OPTION );
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe Unused: the table is read locally.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$failure = ChangeLogSchema::failure();
		if ( ! ChangeLogSchema::is_installed() || null !== $failure || ! ChangeLogSchema::table_exists() ) {
			return CheckResult::error(
				__( 'The order change log cannot record changes.', 'flashnode-connector' ),
				__( 'Orders that change now are not in the change feed, so services that read it miss them.', 'flashnode-connector' ),
				__( 'Create the table again (one click below). If that fails, ask your host whether the database user may create tables.', 'flashnode-connector' ),
				array(
					'installed' => ChangeLogSchema::is_installed(),
					'error'     => null === $failure ? null : $failure['error'],
					'failed_at' => null === $failure ? null : gmdate( 'Y-m-d\TH:i:s\Z', $failure['at'] ),
				)
			)->fixable_by( 'change_log' );
		}
		$late = count( LateChanges::recent() );
		if ( $late > 0 ) {
			return CheckResult::warning(
				/* translators: %d: number of order changes. */
				sprintf( _n( '%d order change was saved more than a minute late in the last week; it was sent to services again.', '%d order changes were saved more than a minute late in the last week; they were sent to services again.', $late, 'flashnode-connector' ), $late ),
				__( 'Something on the shop keeps database transactions open for over a minute while orders are saved. Nothing was lost, but services received these changes late.', 'flashnode-connector' ),
				__( 'Look for a plugin or import that saves orders inside long transactions.', 'flashnode-connector' ),
				array( 'late_changes' => $late )
			);
		}
		return CheckResult::ok(
			__( 'Every order change is recorded for the change feed.', 'flashnode-connector' ),
			array( 'late_changes' => 0 )
		);
	}
}
