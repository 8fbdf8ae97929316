/**
 * The reliability run's receiving side: the follow-mode puller's POST handler delivers here, on 127.0.0.1 over
 * HTTP (loopback, which the handler accepts). It keeps an idempotent store by order id and modified_gmt, as the
 * README tells integrators to, applies each order by the README's rule (ground-truth.ts) for the comparison
 * with WooCommerce's state, and can fail on purpose: answer 500 for a while, or run a hook (the fault
 * schedule's SIGKILL of the puller) while a delivery is still unanswered. `POST /webhook` always answers 500: the
 * delivery address of the WooCommerce webhook the run gets disabled.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { applyChange, type Held } from './ground-truth';

export interface Delivered {
	key: string;
	cursor: number;
	order_id: number;
	event: string;
	status: string | null;
	modified_gmt: string | null;
}

export interface ReliabilityReceiver {
	url: string;
	webhookUrl: string;
	/** Deliveries answered 2xx, in arrival order (repeats included). */
	accepted: Delivered[];
	/** Key → the delivery the idempotent store holds for it (the latest: the same or a newer state of the order). */
	store: Map< string, Delivered >;
	/** Order id → the state applied by the README's rule (only the compared fields of each order are kept). */
	held: Map< number, Held >;
	refused: number;
	/** Deliveries of a change other than `deleted` that came without the order (include=orders failed). */
	withoutOrder: number;
	webhookHits: number;
	/** Answer 500 until this time (ms since epoch). */
	failUntil: number;
	/** Called with the count of accepted deliveries before each answer; may kill the sender. */
	beforeAnswer?: ( accepted: number ) => void;
	close: () => Promise< void >;
}

function readBody( req: IncomingMessage ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		const chunks: Buffer[] = [];
		req.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
		req.on( 'end', () => resolve( Buffer.concat( chunks ).toString() ) );
		req.on( 'error', reject );
	} );
}

export async function startReliabilityReceiver(): Promise< ReliabilityReceiver > {
	const receiver: ReliabilityReceiver = {
		url: '',
		webhookUrl: '',
		accepted: [],
		store: new Map(),
		held: new Map(),
		refused: 0,
		withoutOrder: 0,
		webhookHits: 0,
		failUntil: 0,
		close: () =>
			new Promise( ( resolve ) => {
				server.closeAllConnections();
				server.close( () => resolve() );
			} ),
	};
	const server: Server = createServer( async ( req, res ) => {
		const body = await readBody( req ).catch( () => '' );
		if ( req.url === '/webhook' ) {
			receiver.webhookHits++;
			res.writeHead( 500 ).end( 'failing on purpose' );
			return;
		}
		if ( req.method !== 'POST' || req.url !== '/orders' ) {
			res.writeHead( 404 ).end();
			return;
		}
		receiver.beforeAnswer?.( receiver.accepted.length );
		if ( Date.now() < receiver.failUntil ) {
			receiver.refused++;
			res.writeHead( 500 ).end( 'failing on purpose' );
			return;
		}
		let delivery: Delivered & { order?: unknown };
		try {
			delivery = JSON.parse( body ) as Delivered & { order?: unknown };
		} catch {
			res.writeHead( 400 ).end( 'not JSON' );
			return;
		}
		// The header and the body must agree: the key is what the receiver de-duplicates by.
		if ( req.headers[ 'idempotency-key' ] !== delivery.key ) {
			res.writeHead( 400 ).end( 'Idempotency-Key differs from the body' );
			return;
		}
		applyChange( receiver.held, delivery );
		// Only the change's fields are kept: thousands of orders would weigh on a long bench run.
		const { order, ...kept } = delivery;
		if ( kept.event !== 'deleted' && ! order ) {
			receiver.withoutOrder++;
		}
		receiver.accepted.push( kept );
		// Applied again under a key it holds (same or newer state: saves within one second share a key).
		receiver.store.set( kept.key, kept );
		res.writeHead( 204 ).end();
	} );
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	const { port } = server.address() as AddressInfo;
	receiver.url = `http://127.0.0.1:${ port }/orders`;
	receiver.webhookUrl = `http://127.0.0.1:${ port }/webhook`;
	return receiver;
}
