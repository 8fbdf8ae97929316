/**
 * The push bench's measuring pieces (push-bench.ts): draining one Action Scheduler group with one runner loop, and
 * when each order's first delivery arrived at a receiver (WooCommerce's webhooks, the plugin's push deliveries).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Receiver } from '../../src/puller/receiver';
import { runDeliveryQueue } from './push-shop';

/** WooCommerce's own webhook deliveries' Action Scheduler group. */
export const WOO_GROUP = 'woocommerce-webhooks';

export interface Drain {
	/** Deliveries the drain had to make, and those made before it started (WP-Cron during the writes). */
	expected: number;
	before: number;
	seconds: number;
	perMinute: number;
}

/**
 * Order id → first arrival (ms) of a WooCommerce order.updated delivery, after `since`.
 * @param receiver
 * @param since
 */
export function wooArrivals(
	receiver: Receiver,
	since: number
): Map< number, number > {
	const first = new Map< number, number >();
	for ( const d of receiver.deliveries ) {
		if (
			d.at >= since &&
			d.headers[ 'x-wc-webhook-topic' ] === 'order.updated'
		) {
			const id = Number( JSON.parse( d.body.toString() ).id );
			first.set( id, Math.min( first.get( id ) ?? Infinity, d.at ) );
		}
	}
	return first;
}

/**
 * Order id → first 2xx arrival (ms) of a push delivery with an event after `start`.
 * @param receiver
 * @param start
 */
export function pushArrivals(
	receiver: Receiver,
	start: number
): Map< number, number > {
	const first = new Map< number, number >();
	for ( const p of receiver.pushes ) {
		if ( p.eventId > start && p.answered === 200 && p.orderId !== null ) {
			first.set(
				p.orderId,
				Math.min( first.get( p.orderId ) ?? Infinity, p.at )
			);
		}
	}
	return first;
}

/**
 * Runs one group's queue (one loop) until `count()` reaches `expected`.
 *
 * @param group    Action Scheduler group.
 * @param count    Deliveries so far.
 * @param expected Deliveries to wait for.
 * @param kick     Called first (e.g. "retry now").
 */
export async function drain(
	group: string,
	count: () => number,
	expected: number,
	kick: () => Promise< unknown > = async () => undefined
): Promise< Drain > {
	const before = count();
	const started = Date.now();
	await kick();
	const runners = runDeliveryQueue( 1, group );
	while ( count() < expected && Date.now() - started < 600_000 ) {
		await sleep( 100 );
	}
	await runners.stop();
	const seconds = ( Date.now() - started ) / 1000;
	if ( count() < expected ) {
		throw new Error(
			`${ group }: ${ count() } of ${ expected } delivered in ${ seconds } s`
		);
	}
	return {
		expected,
		before,
		seconds,
		perMinute: ( ( expected - before ) / seconds ) * 60,
	};
}
