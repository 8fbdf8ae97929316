/**
 * The reliability run's concurrent writers, through the shop's real entry points: WooCommerce's REST API
 * (`wc/v3/orders`: create pending, then processing, a customer note, completed) and the storefront's checkout
 * (the Store API `wc/store/v1`: a cart session, add to cart, checkout with cash on delivery — what the block
 * checkout page sends). The owner's bulk actions in the orders list are reliability-bulk.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { request, type Credentials } from '../../src/puller/http';

export interface WriterTarget {
	url: string;
	ca: string;
	/** A Read/Write key for wc/v3. */
	credentials: Credentials;
	productId: number;
	/** Pause of each writer between its orders (ms; default none): a test that wants fewer changes per second. */
	pauseMs?: number;
}

export interface WriterStats {
	restOrders: number;
	checkouts: number;
	/** Every order the writers created: the orders the run judges against WooCommerce's state. */
	orderIds: number[];
	/** Orders a REST writer deleted for good (deleteEvery). */
	deletedIds: number[];
	requests: number;
	/** Requests that did not get the expected answer (method, path, status). */
	errors: string[];
}

export const newWriterStats = (): WriterStats => ( {
	restOrders: 0,
	checkouts: 0,
	orderIds: [],
	deletedIds: [],
	requests: 0,
	errors: [],
} );

const ADDRESS = {
	first_name: 'Reliability',
	last_name: 'Run',
	address_1: '1 Test Street',
	city: 'San Francisco',
	state: 'CA',
	postcode: '94103',
	country: 'US',
	email: 'reliability@example.test',
	phone: '5550100',
};

async function send(
	target: WriterTarget,
	stats: WriterStats,
	method: string,
	path: string,
	body: unknown,
	headers: Record< string, string > = {},
	auth = true
) {
	stats.requests++;
	const response = await request( target.url + path, {
		method,
		body: body === undefined ? undefined : JSON.stringify( body ),
		headers:
			body === undefined
				? headers
				: { 'Content-Type': 'application/json', ...headers },
		credentials: auth ? target.credentials : undefined,
		ca: target.ca,
		timeoutMs: 60_000,
	} );
	if ( response.status < 200 || response.status > 299 ) {
		stats.errors.push(
			`${ method } ${ path }: HTTP ${ response.status } ${ response.body.slice( 0, 200 ) }`
		);
		return null;
	}
	return response;
}

/**
 * One REST writer: creates an order and changes it three times, until told to stop; with deleteEvery > 0, every
 * deleteEvery-th order of this writer is then deleted for good (`DELETE …?force=true`).
 *
 * @param target      Shop, key, product.
 * @param stats       Counters shared by the writers.
 * @param shouldStop  Checked before each order.
 * @param deleteEvery 0 (default): none deleted.
 */
export async function restWriter(
	target: WriterTarget,
	stats: WriterStats,
	shouldStop: () => boolean,
	deleteEvery = 0
): Promise< void > {
	let made = 0;
	while ( ! shouldStop() ) {
		const created = await send(
			target,
			stats,
			'POST',
			'/wp-json/wc/v3/orders',
			{
				status: 'pending',
				billing: ADDRESS,
				line_items: [ { product_id: target.productId, quantity: 1 } ],
			}
		);
		if ( ! created ) {
			continue;
		}
		const id = ( JSON.parse( created.body ) as { id: number } ).id;
		stats.orderIds.push( id );
		const path = `/wp-json/wc/v3/orders/${ id }`;
		for ( const change of [
			{ status: 'processing' },
			{ customer_note: `changed by writer at ${ Date.now() }` },
			{ status: 'completed' },
		] ) {
			await send( target, stats, 'PUT', path, change );
		}
		stats.restOrders++;
		await sleep( target.pauseMs ?? 0 );
		if (
			deleteEvery > 0 &&
			++made % deleteEvery === 0 &&
			( await send(
				target,
				stats,
				'DELETE',
				`${ path }?force=true`,
				undefined
			) )
		) {
			stats.deletedIds.push( id );
		}
	}
}

/**
 * One shopper: a new cart session (Cart-Token and Nonce from the Store API), one product, checkout with cash on
 * delivery — what the block checkout page sends.
 *
 * @param target Shop, product.
 * @param stats  Counters shared by the writers.
 * @return The new order's id, or null when a step failed (the error is in stats.errors).
 */
export async function checkout(
	target: WriterTarget,
	stats: WriterStats
): Promise< number | null > {
	const base = '/wp-json/wc/store/v1';
	const cart = await send(
		target,
		stats,
		'GET',
		`${ base }/cart`,
		undefined,
		{},
		false
	);
	const session = {
		Nonce: String( cart?.headers.nonce ?? '' ),
		'Cart-Token': String( cart?.headers[ 'cart-token' ] ?? '' ),
	};
	if ( ! cart || ! session.Nonce || ! session[ 'Cart-Token' ] ) {
		return null;
	}
	const added = await send(
		target,
		stats,
		'POST',
		`${ base }/cart/add-item`,
		{ id: target.productId, quantity: 1 },
		session,
		false
	);
	if ( ! added ) {
		return null;
	}
	const order = await send(
		target,
		stats,
		'POST',
		`${ base }/checkout`,
		{
			billing_address: ADDRESS,
			shipping_address: ADDRESS,
			payment_method: 'cod',
		},
		session,
		false
	);
	if ( ! order ) {
		return null;
	}
	stats.checkouts++;
	const id = ( JSON.parse( order.body ) as { order_id: number } ).order_id;
	stats.orderIds.push( id );
	return id;
}

/**
 * Shoppers checking out one after another, until told to stop.
 *
 * @param target     Shop, product.
 * @param stats      Counters shared by the writers.
 * @param shouldStop Checked before each checkout.
 */
export async function checkoutWriter(
	target: WriterTarget,
	stats: WriterStats,
	shouldStop: () => boolean
): Promise< void > {
	while ( ! shouldStop() ) {
		await checkout( target, stats );
		await sleep( target.pauseMs ?? 0 );
	}
}
