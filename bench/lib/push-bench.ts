/**
 * `npm run bench`: the plugin's push deliveries next to WooCommerce's own webhooks, for the same changes, in one
 * run. A connection with a delivery address (`woocommerce` format: the same body WooCommerce builds) and a
 * WooCommerce webhook (order.updated) of its own, each to a healthy reference receiver on 127.0.0.1:
 *
 * - deliveries per minute: `changes` orders are each changed once (REST), then each queue is drained alone with
 *   one `wp action-scheduler run --group=…` loop (woocommerce-webhooks, then flashnode-connector after "retry
 *   now"); what a runner started by the shop's own WP-Cron delivered during the writes is counted apart;
 * - time from an order change (the REST answer) to its delivery, median and p95: `latencyChanges` orders changed
 *   one every 2 s while one runner loop per group runs all the time (the engine's own 60 s tick is part of it);
 * - a shopper's checkout with a connection delivering and with none (push-checkout.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Shop } from '../../tests/e2e/shop';
import { createApiKey, deleteApiKey } from '../../tests/e2e/support';
import { AdminSession } from './admin-session';
import { intFromEnv, log } from './config';
import { measureCheckoutCost, type CheckoutCost } from './push-checkout';
import { feedChanges } from './push-feed';
import {
	connectPushService,
	startPushReceiver,
	disconnectPushService,
	retryNow,
	runDeliveryQueue,
	type PushConnection,
} from './push-shop';
import {
	WOO_GROUP,
	drain,
	pushArrivals,
	wooArrivals,
	type Drain,
} from './push-drain';
import { ReliabilityShop } from './reliability-shop';

export interface PushBenchResult {
	changes: number;
	push: Drain;
	woo: Drain;
	/** Seconds from each change to its first delivery. */
	latency: { push: number[]; woo: number[] };
	latencyChanges: number;
	checkout: CheckoutCost;
}

export async function measurePushBench(
	shop: Shop,
	changes = intFromEnv( 'BENCH_PUSH_CHANGES', 100 ),
	latencyChanges = intFromEnv( 'BENCH_PUSH_LATENCY', 20 )
): Promise< PushBenchResult > {
	const key = createApiKey( 'read_write' );
	const rs = new ReliabilityShop( shop, key );
	const session = await AdminSession.login( shop, rs.ca );
	const [ pushReceiver, wooReceiver ] = [
		await startPushReceiver(),
		await startPushReceiver(),
	];
	let connection: PushConnection | null = null;
	let webhookId = 0;
	const ids: number[] = [];
	try {
		const productId = await rs.productId();
		for ( let made = 0; made < changes + latencyChanges; made += 50 ) {
			const create = Array.from(
				{ length: Math.min( 50, changes + latencyChanges - made ) },
				() => ( {
					status: 'pending',
					line_items: [ { product_id: productId, quantity: 1 } ],
				} )
			);
			const batch = await rs.api( 'POST', '/wp-json/wc/v3/orders/batch', {
				create,
			} );
			ids.push(
				...( batch.create as Array< { id: number } > ).map(
					( o ) => o.id
				)
			);
		}
		connection = await connectPushService(
			session,
			pushReceiver,
			'Bench push service',
			'127.0.0.1',
			'woocommerce'
		);
		webhookId = (
			await rs.api( 'POST', '/wp-json/wc/v3/webhooks', {
				name: 'Bench: WooCommerce webhook',
				topic: 'order.updated',
				delivery_url: `${ wooReceiver.url }/woo`,
				status: 'active',
			} )
		).id;
		const start = await rs.head();
		log(
			`push bench: ${ changes } orders changed once, start cursor ${ start }`
		);
		for ( const id of ids.slice( 0, changes ) ) {
			await rs.api( 'PUT', `/wp-json/wc/v3/orders/${ id }`, {
				status: 'processing',
			} );
		}
		const since = Date.now() - 3_600_000;
		const woo = await drain(
			WOO_GROUP,
			() => wooArrivals( wooReceiver, since ).size,
			changes
		);
		const listed = ( await feedChanges( shop, rs.ca, connection, start ) )
			.length;
		const accepted = () =>
			pushReceiver.pushes.filter(
				( p ) => p.eventId > start && p.answered === 200
			).length;
		const target = connection;
		const push = await drain( 'flashnode-connector', accepted, listed, () =>
			retryNow( target )
		);
		log(
			`push bench: ${ Math.round( push.perMinute ) } deliveries/min (plugin), ${ Math.round( woo.perMinute ) } (WooCommerce)`
		);

		// Latency: the queues run all the time; one change every 2 s.
		const runners = [
			runDeliveryQueue( 1, WOO_GROUP ),
			runDeliveryQueue( 1 ),
		];
		const written = new Map< number, number >();
		const latencyStart = await rs.head();
		for ( const id of ids.slice( changes ) ) {
			await rs.api( 'PUT', `/wp-json/wc/v3/orders/${ id }`, {
				customer_note: `bench ${ Date.now() }`,
			} );
			written.set( id, Date.now() );
			await sleep( 2000 );
		}
		const until = Date.now() + 150_000;
		const firstWrite = Math.min( ...written.values() ) - 5000;
		let pushFirst = pushArrivals( pushReceiver, latencyStart );
		let wooFirst = wooArrivals( wooReceiver, firstWrite );
		const complete = ( m: Map< number, number > ) =>
			[ ...written.keys() ].every( ( id ) => m.has( id ) );
		while (
			( ! complete( pushFirst ) || ! complete( wooFirst ) ) &&
			Date.now() < until
		) {
			await sleep( 1000 );
			pushFirst = pushArrivals( pushReceiver, latencyStart );
			wooFirst = wooArrivals( wooReceiver, firstWrite );
		}
		await Promise.all( runners.map( ( r ) => r.stop() ) );
		// The checkout blocks connect their own service from the same host: this one goes first.
		await disconnectPushService( session, connection );
		connection = null;
		log(
			'push bench: checkouts with a connection delivering and with none'
		);
		const checkout = await measureCheckoutCost( rs, session, pushReceiver );
		ids.push( ...checkout.orderIds );
		const seconds = ( first: Map< number, number > ) =>
			[ ...written ]
				.filter( ( [ id ] ) => first.has( id ) )
				.map( ( [ id, at ] ) =>
					Math.max( 0, ( ( first.get( id ) ?? at ) - at ) / 1000 )
				);
		return {
			changes,
			push,
			woo,
			latency: { push: seconds( pushFirst ), woo: seconds( wooFirst ) },
			latencyChanges,
			checkout,
		};
	} finally {
		if ( connection ) {
			await disconnectPushService( session, connection ).catch(
				() => undefined
			);
		}
		if ( webhookId ) {
			await rs
				.api(
					'DELETE',
					`/wp-json/wc/v3/webhooks/${ webhookId }?force=true`
				)
				.catch( () => undefined );
		}
		for ( let at = 0; at < ids.length; at += 50 ) {
			await rs
				.api( 'POST', '/wp-json/wc/v3/orders/batch', {
					delete: ids.slice( at, at + 50 ),
				} )
				.catch( () => undefined );
		}
		await Promise.all( [ pushReceiver.close(), wooReceiver.close() ] );
		deleteApiKey( key );
	}
}
