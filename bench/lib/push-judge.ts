/**
 * The push fault run's verdict for one connection, from what its receiver recorded (src/puller/push-contract.ts)
 * against the shop: WooCommerce's own final state of every order the writers made (GET wc/v3/orders/<id>, the
 * ground truth: ground-truth.ts) and the changes the feed lists for the connection after the starting cursor.
 *
 * - lost: orders whose final state the receiver lacks, after applying every 2xx delivery in arrival order by the
 *   README's rule (woocommerce format: the body is the order, order.deleted removes it);
 * - undelivered: listed cursors never answered 2xx; phantoms: event ids answered 2xx that the feed never listed;
 * - not retries: a delivery of an event id after it was answered 2xx, or an attempt number that does not grow;
 * - out of order: a delivery of an event while an earlier listed change still lacked its 2xx;
 * - bad signatures (X-Flashnode-Signature; X-WC-Webhook-Signature by WooCommerce's algorithm), wrong topics (the
 *   change's event → order.created / order.updated / order.deleted; order.deleted also when the order is gone),
 *   stale payloads (an order's date_modified_gmt older than its change's modified_gmt).
 */
import type { PushDelivery } from '../../src/puller/push-contract';
import type { Receiver } from '../../src/puller/receiver';
import { applyChange, judge, type Held, type ShopState } from './ground-truth';
import type { ListedChange, PushConnection } from './push-shop';
import type { PushConnectionResult } from './push-types';

export interface PushVerdict {
	deliveries: number;
	accepted: number;
	/** Deliveries of an event id beyond its first: the retries. */
	retries: number;
	/** Deliveries answered 500 or left hanging by the faults. */
	failedOnPurpose: number;
	lost: string[];
	undelivered: number[];
	phantoms: number[];
	notRetries: string[];
	outOfOrder: string[];
	badSignatures: number;
	wrongTopics: string[];
	stalePayloads: string[];
}

const isOk = ( status: number | null ) =>
	status !== null && status >= 200 && status < 300;

/**
 * ISO times of either form (feed: …Z, wc/v3: without) as comparable strings.
 * @param time
 */
const utc = ( time: string | null | undefined ) =>
	time ? time.replace( /Z$/, '' ) : '';

/**
 * WooCommerce's topic for a change event (the engine's contract).
 *
 * @param event The change's event.
 */
export function topicFor( event: string ): string {
	if ( event === 'created' ) {
		return 'order.created';
	}
	return event === 'trashed' || event === 'deleted'
		? 'order.deleted'
		: 'order.updated';
}

/**
 * Applies one accepted delivery to what the receiver holds (the README's rule, ground-truth.ts).
 *
 * @param held Order id → state.
 * @param d    The delivery.
 */
function apply( held: Map< number, Held >, d: PushDelivery ): void {
	if ( d.orderId === null ) {
		return;
	}
	const deleted =
		d.format === 'woocommerce'
			? d.topic === 'order.deleted'
			: d.change?.event === 'deleted';
	applyChange( held, {
		order_id: d.orderId,
		event: deleted ? 'deleted' : ( d.change?.event ?? 'updated' ),
		modified_gmt:
			d.format === 'flashnode'
				? utc( d.change?.modified_gmt )
				: utc( d.modifiedGmt ),
		order: d.order,
	} );
}

/**
 * One connection's verdict.
 *
 * @param pushes  The receiver's deliveries, in arrival order.
 * @param listed  The changes the feed lists for the connection after the starting cursor.
 * @param truth   Order id → WooCommerce's final state (null: gone).
 * @param ignored Event ids before the run (not judged).
 */
export function judgePush(
	pushes: PushDelivery[],
	listed: ListedChange[],
	truth: Map< number, ShopState >,
	ignored: ( eventId: number ) => boolean
): PushVerdict {
	const changes = new Map( listed.map( ( c ) => [ c.cursor, c ] ) );
	const expected = [ ...changes.keys() ].sort( ( a, b ) => a - b );
	const held = new Map< number, Held >();
	const done = new Set< number >();
	const lastAttempt = new Map< number, number >();
	const verdict: PushVerdict = {
		deliveries: 0,
		accepted: 0,
		retries: 0,
		failedOnPurpose: 0,
		lost: [],
		undelivered: [],
		phantoms: [],
		notRetries: [],
		outOfOrder: [],
		badSignatures: 0,
		wrongTopics: [],
		stalePayloads: [],
	};
	let next = 0;
	for ( const d of pushes.filter( ( each ) => ! ignored( each.eventId ) ) ) {
		const id = d.eventId;
		verdict.deliveries++;
		if ( ! d.flashnodeSignatureValid || d.wcSignatureValid === false ) {
			verdict.badSignatures++;
		}
		if ( d.answered === 500 || d.answered === null ) {
			verdict.failedOnPurpose++;
		}
		if ( lastAttempt.has( id ) ) {
			verdict.retries++;
			if ( done.has( id ) ) {
				verdict.notRetries.push( `${ id }: again after 2xx` );
			} else if ( ! ( d.attempt > ( lastAttempt.get( id ) ?? 0 ) ) ) {
				verdict.notRetries.push( `${ id }: attempt ${ d.attempt }` );
			}
		}
		lastAttempt.set( id, d.attempt );
		if ( next < expected.length && id > expected[ next ] ) {
			verdict.outOfOrder.push( `${ id } before ${ expected[ next ] }` );
		}
		const change = changes.get( id );
		if ( change && d.format === 'woocommerce' ) {
			const topic = topicFor( change.event );
			if (
				d.topic !== topic &&
				! ( d.order === null && d.topic === 'order.deleted' )
			) {
				verdict.wrongTopics.push(
					`${ id } ${ change.event }: ${ d.topic }`
				);
			}
		}
		if (
			change &&
			d.order &&
			utc( d.modifiedGmt ) < utc( change.modified_gmt )
		) {
			verdict.stalePayloads.push(
				`${ id }: ${ d.modifiedGmt } < ${ change.modified_gmt }`
			);
		}
		if ( ! isOk( d.answered ) ) {
			continue;
		}
		verdict.accepted++;
		if ( ! done.has( id ) ) {
			apply( held, d );
		}
		done.add( id );
		if ( ! change ) {
			verdict.phantoms.push( id );
		}
		while ( next < expected.length && done.has( expected[ next ] ) ) {
			next++;
		}
	}
	verdict.undelivered = expected.filter( ( cursor ) => ! done.has( cursor ) );
	verdict.lost = judge( held, truth );
	return verdict;
}

/**
 * One connection's result: its verdict, its fault windows, what the other connection got meanwhile.
 *
 * @param connection The connection (and its receiver).
 * @param other      The other connection's receiver.
 * @param listed     What the feed lists for the connection after `start`.
 * @param truth      Order id → WooCommerce's final state.
 * @param start      The run's starting cursor.
 */
export function judgeConnection(
	connection: PushConnection,
	other: Receiver,
	listed: ListedChange[],
	truth: Map< number, ShopState >,
	start: number
): PushConnectionResult {
	const { receiver } = connection;
	return {
		name: connection.name,
		format: connection.format,
		verdict: judgePush(
			receiver.pushes,
			listed,
			truth,
			( id ) => id <= start
		),
		faults: receiver.faults.windows,
		otherDuringFault: receiver.faults.windows.map( ( w ) => {
			const to = w.to ?? Date.now();
			const times = other.pushes
				.filter(
					( p ) => p.answered === 200 && p.at >= w.from && p.at <= to
				)
				.map( ( p ) => p.at );
			const gaps = [ w.from, ...times, to ].map( ( at, i, all ) =>
				i === 0 ? 0 : at - all[ i - 1 ]
			);
			return {
				mode: w.mode,
				other: times.length,
				longestGapSeconds: Math.max( ...gaps ) / 1000,
			};
		} ),
		retriedAttempts: receiver.pushes.filter(
			( p ) => p.eventId > start && p.attempt > 1
		).length,
	};
}
