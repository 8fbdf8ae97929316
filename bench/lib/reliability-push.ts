/**
 * The push deliveries' fault test (issue "Push that never gives up"), shared by tests/e2e/push-deliveries.spec.ts
 * (a few hundred changes, in `npm test`) and `npm run bench:reliability -- --push` (≥ 2,000 changes over ≥ 200
 * orders). Two services are connected through the approval route with a delivery address and the order topics,
 * one with `delivery_format=woocommerce` (127.0.0.1), one with `flashnode` (localhost), each with its own
 * reference receiver (src/puller/receiver.ts). While REST writers, storefront shoppers and the owner's bulk actions
 * change orders, and WooCommerce's Action Scheduler runner drives the delivery queue (push-shop.ts), each receiver
 * goes through the four faults — down, 500 then 200 after 15 s, hang, 2xx for half the events — on two tracks
 * offset by half a slot, so one receiver's fault overlaps the other's healthy stretch. The retry schedule is
 * compressed by the test-only option (tests/stack/mu-plugins/flashnode-test-fast-retries.php), and each fault
 * starts with "retry now" for both connections (`wp flashnode deliveries retry`), so that it meets a batch.
 * Then it waits until both receivers hold a 2xx for every change the feed lists for their connection, and judges
 * each (push-judge.ts) against WooCommerce's own final state of every order the writers made.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Receiver } from '../../src/puller/receiver';
import type { FaultMode } from '../../src/puller/receiver-faults';
import { AdminSession } from './admin-session';
import { judgeConnection } from './push-judge';
import { feedChanges } from './push-feed';
import {
	connectPushService,
	startPushReceiver,
	deliveriesList,
	disconnectPushService,
	retryNow,
	runDeliveryQueue,
	setFastRetries,
	type PushConnection,
} from './push-shop';
import type {
	PushConnectionResult,
	PushOptions,
	PushResult,
} from './push-types';
import { bulkWriter, type BulkStats } from './reliability-bulk';
import { ReliabilityShop } from './reliability-shop';
import {
	checkoutWriter,
	newWriterStats,
	restWriter,
	type WriterTarget,
} from './reliability-writers';

/**
 * The four faults, in each receiver's own order. The second track starts half a slot later, so each hang overlaps
 * the other receiver's half-failing stretch and its healthy gap: it has deliveries to accept while one hangs.
 */
const TRACKS: FaultMode[][] = [
	[ 'down', 'error', 'hang', 'half' ],
	[ 'down', 'half', 'error', 'hang' ],
];

/**
 * Event ids a receiver answered 2xx (it answers 200 to every delivery it accepts).
 *
 * @param receiver The receiver.
 */
const accepted = ( receiver: Receiver ) =>
	new Set(
		receiver.pushes
			.filter( ( p ) => p.answered === 200 )
			.map( ( p ) => p.eventId )
	);

export async function runPushReliability(
	o: PushOptions
): Promise< PushResult > {
	const started = Date.now();
	const deadline = started + o.maxSeconds * 1000;
	const shop = new ReliabilityShop( o.shop, o.key );
	await shop.enableCashOnDelivery();
	const session = await AdminSession.login( o.shop, shop.ca );
	const receivers = [ await startPushReceiver(), await startPushReceiver() ];
	const connections: PushConnection[] = [];
	const runners = runDeliveryQueue( o.runners );
	try {
		setFastRetries( o.retryDelays );
		connections.push(
			await connectPushService(
				session,
				receivers[ 0 ],
				'Push QA WooCommerce format',
				'127.0.0.1',
				'woocommerce'
			),
			await connectPushService(
				session,
				receivers[ 1 ],
				'Push QA Flashnode format',
				'localhost',
				'flashnode'
			)
		);
		const start = await shop.head();
		o.log(
			`connected ${ connections.map( ( c ) => `${ c.id } (${ c.format })` ).join( ', ' ) }; start cursor ${ start }`
		);

		let written = start;
		let faultRounds = 0;
		let writing = true;
		const slot = ( o.faultSeconds + o.gapSeconds ) * 1000;
		const faults = Promise.all(
			receivers.map( async ( receiver, index ) => {
				await sleep( index * ( slot / 2 ) + 2000 );
				// Another round only while the writers still have changes to make.
				const more = () => writing && written - start < o.targetChanges;
				for ( let round = 0; round === 0 || more(); round++ ) {
					for ( const mode of TRACKS[ index ] ) {
						if ( round > 0 && ! more() ) {
							break;
						}
						o.log(
							`${ connections[ index ].format } receiver: ${ mode }`
						);
						await receiver.setFault( mode );
						// The engine looks for new changes every 60 s: start a batch of both now, so the fault meets one
						// and the other connection has deliveries to make meanwhile.
						await Promise.all( connections.map( retryNow ) );
						await sleep( o.faultSeconds * 1000 );
						await receiver.setFault( 'healthy' );
						await sleep( o.gapSeconds * 1000 );
					}
					faultRounds = index === 1 ? round + 1 : faultRounds;
				}
			} )
		);

		const target: WriterTarget = {
			url: o.shop.url,
			ca: shop.ca,
			credentials: shop.credentials,
			productId: await shop.productId(),
			pauseMs: o.writerPauseMs,
		};
		const stats = newWriterStats();
		const bulk: BulkStats = { actions: 0, changed: 0 };
		const stop = () =>
			Date.now() > deadline - o.maxSeconds * 400 ||
			( written - start >= o.targetChanges && faultRounds > 0 );
		const writers = Promise.all( [
			...Array.from( { length: o.restWriters }, () =>
				restWriter( target, stats, stop, o.deleteEvery )
			),
			...Array.from( { length: o.checkoutWriters }, () =>
				checkoutWriter( target, stats, stop )
			),
			// The owner: a bulk action on 3 orders every 1.5 s plus the writers' pause.
			bulkWriter(
				session,
				o.storage,
				stats,
				bulk,
				stop,
				3,
				1500 + o.writerPauseMs
			),
		] );
		void writers.finally( () => ( writing = false ) );
		while ( writing ) {
			written = await shop.head();
			o.log(
				`${ written - start } changes written; 2xx: ${ receivers.map( ( r ) => accepted( r ).size ).join( ' / ' ) }`
			);
			await sleep( 2000 );
		}
		await writers;
		await faults;
		const writersEnded = Date.now();

		// What the feed lists for a connection after the start, read with its own key.
		const listedFor = ( connection: PushConnection ) =>
			feedChanges( o.shop, shop.ca, connection, start );
		// Caught up: every change the feed lists for a connection answered 2xx by its receiver.
		const missing = async () => {
			let count = 0;
			for ( const [ index, connection ] of connections.entries() ) {
				const listed = await listedFor( connection );
				const done = accepted( receivers[ index ] );
				count += listed.filter(
					( c ) => ! done.has( c.cursor )
				).length;
			}
			return count;
		};
		let left = await missing();
		while ( left > 0 && Date.now() < deadline ) {
			o.log( `catching up: ${ left } deliveries missing` );
			await sleep( 3000 );
			left = await missing();
		}
		const catchUpSeconds = Math.round(
			( Date.now() - writersEnded ) / 1000
		);
		await runners.stop();
		const orderIds = [ ...new Set( stats.orderIds ) ];
		const states = await shop.orderStates( orderIds );
		const results: PushConnectionResult[] = [];
		let changes = 0;
		for ( const [ index, connection ] of connections.entries() ) {
			const listed = await listedFor( connection );
			changes = Math.max( changes, listed.length );
			results.push(
				judgeConnection(
					connection,
					receivers[ 1 - index ],
					listed,
					states,
					start
				)
			);
		}
		return {
			changes,
			orders: orderIds.length,
			restOrders: stats.restOrders,
			checkouts: stats.checkouts,
			deleted: stats.deletedIds.length,
			bulk,
			writerRequests: stats.requests,
			writerErrors: stats.errors,
			connections: results,
			caughtUp: left === 0,
			catchUpSeconds,
			runnerPasses: runners.passes,
			runnerErrors: runners.errors,
			pluginView: await deliveriesList(),
			seconds: Math.round( ( Date.now() - started ) / 1000 ),
		};
	} finally {
		await runners.stop();
		for ( const connection of connections ) {
			await disconnectPushService( session, connection ).catch(
				( error: Error ) => o.log( `disconnect: ${ error.message }` )
			);
		}
		setFastRetries( null );
		await Promise.all( receivers.map( ( r ) => r.close() ) );
		await shop.restore();
	}
}
