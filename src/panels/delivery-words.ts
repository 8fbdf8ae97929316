/**
 * A connection's deliveries in words (GET /deliveries): its format, where it stands, and the log's cells. Pure,
 * so the card and the unit tests read the same rules.
 */
import { __, _n, _x, sprintf } from '@wordpress/i18n';

import type {
	DeliveryAttempt,
	DeliveryFormat,
	DeliveryStatus,
} from '../api/types';
import { formatTime } from '../components/format';

/** Attempts the card shows before "Show all". */
export const LOG_PREVIEW = 20;

export type DeliveryState = 'delivered' | 'waiting' | 'retrying' | 'failing';

export function formatLabel( format: DeliveryFormat ): string {
	return format === 'flashnode'
		? __(
				"the change feed's format (the change and the order)",
				'flashnode-connector'
			)
		: __( "WooCommerce's webhook format", 'flashnode-connector' );
}

/**
 * Where a connection's deliveries stand: everything delivered, changes waiting their turn, a change being
 * retried, or refused for more than a week (still retried).
 *
 * @param delivery The connection's deliveries.
 */
export function deliveryState( delivery: DeliveryStatus ): DeliveryState {
	if ( delivery.failing ) {
		return 'failing';
	}
	if ( delivery.failures > 0 ) {
		return 'retrying';
	}
	return delivery.undelivered > 0 ? 'waiting' : 'delivered';
}

/**
 * The status in one sentence.
 *
 * @param delivery The connection's deliveries.
 */
export function deliveryStatusLabel( delivery: DeliveryStatus ): string {
	// No retry time once "Retry now" made the change due: the queue's next run sends it.
	const retry = delivery.next_attempt_at
		? sprintf(
				/* translators: 1: number of failed attempts, 2: date and time of the next attempt. */
				_n(
					'attempt %1$d failed, next attempt at %2$s',
					'%1$d attempts failed, next attempt at %2$s',
					delivery.failures,
					'flashnode-connector'
				),
				delivery.failures,
				formatTime( delivery.next_attempt_at )
			)
		: sprintf(
				/* translators: %d: number of failed attempts. */
				_n(
					'attempt %d failed, the next one is queued now',
					'%d attempts failed, the next one is queued now',
					delivery.failures,
					'flashnode-connector'
				),
				delivery.failures
			);
	switch ( deliveryState( delivery ) ) {
		case 'failing':
			return sprintf(
				/* translators: 1: date and time, 2: the retry, e.g. "12 attempts failed, next attempt at …". */
				__(
					'Failing for more than 7 days (since %1$s) — still retried: %2$s.',
					'flashnode-connector'
				),
				formatTime( delivery.failing_since ),
				retry
			);
		case 'retrying':
			return sprintf(
				/* translators: %s: the retry, e.g. "attempt 1 failed, next attempt at …". */
				__( 'Retrying: %s.', 'flashnode-connector' ),
				retry
			);
		case 'waiting':
			return sprintf(
				/* translators: 1: number of changes, 2: date and time. */
				_n(
					'%1$d change waiting since %2$s.',
					'%1$d changes waiting since %2$s.',
					delivery.undelivered,
					'flashnode-connector'
				),
				delivery.undelivered,
				formatTime( delivery.oldest_undelivered_at )
			);
		default:
			return __( 'All delivered.', 'flashnode-connector' );
	}
}

/**
 * A change's event in words.
 *
 * @param event The change log's event code.
 */
export function eventLabel( event: string ): string {
	// With a context: apart from the same English words elsewhere (a "deleted" user), as languages word them apart.
	const labels: Record< string, string > = {
		existing: _x(
			'existing order',
			'order change in the delivery log',
			'flashnode-connector'
		),
		created: _x(
			'created',
			'order change in the delivery log',
			'flashnode-connector'
		),
		updated: _x(
			'updated',
			'order change in the delivery log',
			'flashnode-connector'
		),
		status_changed: _x(
			'status changed',
			'order change in the delivery log',
			'flashnode-connector'
		),
		trashed: _x(
			'trashed',
			'order change in the delivery log',
			'flashnode-connector'
		),
		untrashed: _x(
			'restored from the trash',
			'order change in the delivery log',
			'flashnode-connector'
		),
		deleted: _x(
			'deleted',
			'order change in the delivery log',
			'flashnode-connector'
		),
		refunded: _x(
			'refunded',
			'order change in the delivery log',
			'flashnode-connector'
		),
		resent: _x(
			'sent again',
			'order change in the delivery log',
			'flashnode-connector'
		),
	};
	return labels[ event ] ?? event;
}

/**
 * The log's event cell: the change, and which attempt at it this was when not the first.
 *
 * @param attempt The attempt.
 */
export function attemptEventLabel( attempt: DeliveryAttempt ): string {
	const event = eventLabel( attempt.event );
	return attempt.attempt > 1
		? sprintf(
				/* translators: 1: the change, e.g. "created", 2: attempt number (2 or more). */
				__( '%1$s (attempt %2$d)', 'flashnode-connector' ),
				event,
				attempt.attempt
			)
		: event;
}

/**
 * An attempt's answer: the HTTP status, or that none came.
 *
 * @param attempt The attempt.
 */
export function httpStatusLabel( attempt: DeliveryAttempt ): string {
	return attempt.http_status > 0
		? String( attempt.http_status )
		: __( 'no answer', 'flashnode-connector' );
}

export function durationLabel( ms: number ): string {
	if ( ms < 1000 ) {
		/* translators: %d: milliseconds. */
		return sprintf( __( '%d ms', 'flashnode-connector' ), ms );
	}
	/* translators: %s: seconds, e.g. 2.5. */
	const seconds = __( '%s s', 'flashnode-connector' );
	return sprintf( seconds, ( ms / 1000 ).toFixed( 1 ) );
}

/**
 * The edit screen of an order in the log.
 *
 * @param template GET /deliveries's order_edit_url (%d: the order's id).
 * @param orderId  The order.
 */
export function orderEditUrl( template: string, orderId: number ): string {
	return template.replace( '%d', String( orderId ) );
}
