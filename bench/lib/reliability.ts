/**
 * The change feed's fault test, shared by tests/e2e/reliability.spec.ts (a few hundred changes, in `npm test`) and
 * `npm run bench:reliability` (≥ 2,000): concurrent writers create and change orders through WooCommerce's REST
 * API and the storefront checkout while the follow-mode puller hands every change to a receiver, and meanwhile
 *
 * - the puller (clock +600 s) is killed with SIGKILL while a delivery of its batch is unanswered, and restarted
 *   with its clock at -600 s;
 * - the receiver answers 500 for a few seconds (the handler fails; the puller retries with backoff);
 * - WooCommerce disables a webhook delivering to a failing address (> 5 failures); the writers go on after it.
 *
 * Ground truth: WooCommerce's own state of every order the writers made (GET wc/v3/orders/<id>), compared with
 * what the receiver holds after applying each delivery by the README's rule (ground-truth.ts): lost = an order
 * whose status, total, customer note or date_modified_gmt the receiver does not have as the shop does. The log
 * is checked against the shop too (rowsWrong: a row going back in time, a last row that is not the order's
 * date_modified_gmt). Also counted: duplicates before and after the receiver's de-duplication by order id and
 * modified_gmt, deliveries without their order, phantoms (delivered keys the log never had).
 */
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { readCursor, writeCursor } from '../../src/puller/cursor-file';
import { changeKey } from '../../src/puller/feed-client';
import { judge, judgeRows } from './ground-truth';
import type { Shop } from '../../tests/e2e/shop';
import type { ApiKey } from '../../tests/e2e/support';
import { startPuller, type PullerRun } from './reliability-puller';
import { startReliabilityReceiver } from './reliability-receiver';
import { ReliabilityShop } from './reliability-shop';
import {
	checkoutWriter,
	newWriterStats,
	restWriter,
	type WriterTarget,
} from './reliability-writers';

export interface ReliabilityOptions {
	shop: Shop;
	/** Read/Write key: the writers' and the puller's. */
	key: ApiKey;
	/** Writers stop once the log grew by this many changes (and the webhook is disabled). */
	targetChanges: number;
	restWriters: number;
	checkoutWriters: number;
	/** The puller's page size. */
	limit: number;
	failSeconds: number;
	/** Bound of the whole run; writers stop and the catch-up wait ends there. */
	maxSeconds: number;
	cursorFile: string;
	log: ( line: string ) => void;
}

export interface ReliabilityResult {
	changes: number;
	keys: number;
	orders: number;
	restOrders: number;
	checkouts: number;
	writerRequests: number;
	writerErrors: string[];
	delivered: number;
	duplicatesBeforeDedup: number;
	/** Deliveries of a change (cursor) already delivered: the at-least-once repeats after a kill or a failure. */
	repeatedCursors: number;
	duplicatesAfterDedup: number;
	/** Orders the receiver ended with unlike WooCommerce's state, one line each. */
	lost: string[];
	/** Rows that go back in time, or an order's last row unlike its date_modified_gmt. */
	rowsWrong: string[];
	phantoms: string[];
	withoutOrder: number;
	refusedWhileFailing: number;
	killedAtDelivery: number;
	pullerExits: string[];
	secretLogged: boolean;
	webhookStatus: string;
	webhookFailedDeliveries: number;
	changesAfterWebhookDisabled: number;
	redeliveredOnResume: number;
	seconds: number;
}

export async function runReliability(
	o: ReliabilityOptions
): Promise< ReliabilityResult > {
	const started = Date.now();
	const deadline = started + o.maxSeconds * 1000;
	const shop = new ReliabilityShop( o.shop, o.key );
	await shop.enableCashOnDelivery();
	const receiver = await startReliabilityReceiver();
	const pullers: PullerRun[] = [];
	try {
		await shop.createFailingWebhook( receiver.webhookUrl );
		const start = await shop.head();
		writeCursor( o.cursorFile, o.shop.url, start, new Date() );
		const settings = {
			url: o.shop.url,
			caFile: o.shop.caFile,
			...shop.credentials,
			cursorFile: o.cursorFile,
			postUrl: receiver.url,
			limit: o.limit,
		};
		pullers.push( startPuller( settings, 600 ) );
		// Faults at shares of the changes written, not of deliveries (one per key; saves in one second share one).
		const killAfter = Math.max( 5, Math.floor( o.targetChanges * 0.15 ) );
		const failAfter = Math.floor( o.targetChanges * 0.4 );
		let written = start;
		let killedAt = -1;
		let failing = false;
		receiver.beforeAnswer = ( accepted ) => {
			if ( killedAt < 0 && written - start >= killAfter ) {
				// Mid-batch: this delivery is unanswered, the batch neither acknowledged nor saved.
				killedAt = accepted;
				pullers[ 0 ].child.kill( 'SIGKILL' );
				void pullers[ 0 ].exited.then( () =>
					pullers.push( startPuller( settings, -600 ) )
				);
			} else if (
				killedAt >= 0 &&
				! failing &&
				written - start >= failAfter
			) {
				failing = true;
				receiver.failUntil = Date.now() + o.failSeconds * 1000;
			}
		};

		const target: WriterTarget = {
			url: o.shop.url,
			ca: shop.ca,
			credentials: shop.credentials,
			productId: await shop.productId(),
		};
		const stats = newWriterStats();
		let disabledAt = -1;
		const stop = () =>
			Date.now() > deadline - 30_000 ||
			( written - start >= o.targetChanges && disabledAt >= 0 );
		const writers = Promise.all( [
			...Array.from( { length: o.restWriters }, () =>
				restWriter( target, stats, stop )
			),
			...Array.from( { length: o.checkoutWriters }, () =>
				checkoutWriter( target, stats, stop )
			),
		] );
		let writing = true;
		void writers.finally( () => ( writing = false ) );
		// Meanwhile: follow the log's growth, and run WooCommerce's queue so the webhook's deliveries fail.
		while ( writing ) {
			written = await shop.head();
			if (
				disabledAt < 0 &&
				( await shop.deliverWebhooks() ) === 'disabled'
			) {
				disabledAt = await shop.head();
				o.log(
					`webhook disabled by WooCommerce at cursor ${ disabledAt }`
				);
			}
			o.log(
				`${ written - start } changes written, ${ receiver.accepted.length } delivered`
			);
			await sleep( 1000 );
		}
		await writers;

		const rows = await shop.rowsAfter( start );
		const keys = new Set(
			rows.map( ( row ) =>
				changeKey( { order_id: row[ 1 ], modified_gmt: row[ 4 ] } )
			)
		);
		// Caught up once the puller saved the newest cursor (a key goes out at its first row, the last may never).
		const last = rows.length > 0 ? rows[ rows.length - 1 ][ 0 ] : start;
		while (
			( readCursor( o.cursorFile, o.shop.url ) ?? start ) < last &&
			Date.now() < deadline
		) {
			await sleep( 500 );
		}
		o.log( `caught up: ${ receiver.store.size } keys delivered` );
		const orderIds = [ ...new Set( stats.orderIds ) ];
		const states = await shop.orderStates( orderIds );
		const running = pullers[ pullers.length - 1 ];
		running.child.kill( 'SIGTERM' );
		const stopped = await running.exited;

		// Resume once more from the saved cursor: it must already be at the end of what was delivered.
		const before = receiver.accepted.length;
		const resume = startPuller( settings, 0, [ '--once' ] );
		pullers.push( resume );
		const resumed = await resume.exited;

		const { accepted, store } = receiver;
		const logs = pullers.flatMap( ( run ) => run.log ).join( '\n' );
		return {
			changes: rows.length,
			keys: keys.size,
			orders: orderIds.length,
			restOrders: stats.restOrders,
			checkouts: stats.checkouts,
			writerRequests: stats.requests,
			writerErrors: stats.errors,
			delivered: accepted.length,
			duplicatesBeforeDedup: accepted.length - store.size,
			repeatedCursors:
				accepted.length -
				new Set( accepted.map( ( d ) => d.cursor ) ).size,
			// A change (cursor) the idempotent store applied under more than one key: what de-duplication by
			// order id and modified_gmt must never let through (a re-sent change must carry its first key).
			duplicatesAfterDedup:
				store.size -
				new Set( [ ...store.values() ].map( ( d ) => d.cursor ) ).size,
			lost: judge( receiver.held, states ),
			rowsWrong: judgeRows(
				rows.filter( ( row ) => states.has( row[ 1 ] ) ),
				states
			),
			phantoms: [ ...store.keys() ].filter(
				( key ) => ! keys.has( key )
			),
			withoutOrder: receiver.withoutOrder,
			refusedWhileFailing: receiver.refused,
			killedAtDelivery: killedAt,
			pullerExits: [
				`killed: ${ ( await pullers[ 0 ].exited ).signal }`,
				`stopped: ${ stopped.code ?? stopped.signal }`,
				`resumed --once: ${ resumed.code ?? resumed.signal }`,
			],
			secretLogged: logs.includes( shop.credentials.secret ),
			webhookStatus: await shop.webhookStatus(),
			webhookFailedDeliveries: receiver.webhookHits,
			changesAfterWebhookDisabled:
				disabledAt < 0
					? 0
					: rows.filter( ( row ) => row[ 0 ] > disabledAt ).length,
			redeliveredOnResume: accepted.length - before,
			seconds: Math.round( ( Date.now() - started ) / 1000 ),
		};
	} finally {
		for ( const run of pullers ) {
			run.child.kill( 'SIGKILL' );
		}
		await receiver.close();
		await shop.restore();
		rmSync( o.cursorFile, { force: true } );
	}
}
