/**
 * Reference receiving side of an integration service: what a service needs to accept Flashnode Connector's
 * key hand-off, WooCommerce's webhook deliveries and the plugin's own push deliveries. The browser tests run it
 * on 127.0.0.1 with the local shop's certificate; an integrator can read it as the contract:
 *
 * - hand-off: `POST <callback>` with JSON {site_url, consumer_key, consumer_secret, key_permissions, key_id,
 *   user_id, scopes, plugin_version, webhook_secret, webhook_ids, topics, delivery_format, order_statuses, api_mode};
 *   answer 200 (optionally JSON {polling_interval_minutes, ip_addresses, disconnect_url, reconnect_url}) to keep the
 *   key and webhooks, anything else and the shop deletes them again. This receiver then checks deliveries with
 *   webhook_secret;
 * - reconnect: the shop POSTs the same hand-off to reconnect_url when the owner gives the service its own user
 *   (a connection older than reconnect_url reports it with its key: PUT /wp-json/wc-flashnode/v1/connection);
 * - disconnect: `POST <disconnect_url>` with JSON {site_url, key_id, reason}, signed like a delivery in
 *   `X-Flashnode-Signature` with the webhook secret;
 * - service page (GET /, /connect, /back: service-page.ts): "Connect your shop" sends the owner to the shop's
 *   approval screen, which sends them back to /back;
 * - webhooks: `POST <delivery URL>` with WooCommerce's headers; `X-WC-Webhook-Signature` is the base64
 *   HMAC-SHA256 of the raw body with the webhook secret. Verify it on the raw bytes, before parsing;
 * - push deliveries (a connection approved with `webhook_url` and order topics): one `POST <webhook_url>` per
 *   change, in cursor order, retried until answered 2xx; the formats, headers and signatures are README's
 *   "Push deliveries" and push-contract.ts. This receiver checks both signatures (401 when one is wrong), records
 *   every delivery in `pushes`, and can fail on purpose (`setFault()`: down, 500 for 15 s, hang, half the events;
 *   receiver-faults.ts) or refuse everything (`answerDeliveriesWith()`);
 * - the page's "Send test" sends the same, signed, with the header `X-Flashnode-Test: 1`: the payload of the
 *   shop's newest order (or a sample `{"flashnode_test":"sample",…}` when it has none). Answer it 2xx like a
 *   delivery, but do not act on the order.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import {
	HANDOFF_FIELDS,
	parseHandoff,
	verifySignature,
	type Handoff,
} from './contract';
import { readPushDelivery, type PushDelivery } from './push-contract';
import { Faults, type FaultMode } from './receiver-faults';
import {
	SERVICE_FACTS,
	TEST_MARKER_HEADER,
	type Delivery,
	type Receiver,
	type ReceiverOptions,
} from './receiver-types';
import { servicePage } from './service-page';

export { HANDOFF_FIELDS, parseHandoff, verifySignature, type Handoff };
export type { Delivery, FaultMode, PushDelivery, Receiver, ReceiverOptions };
export { SERVICE_FACTS, TEST_MARKER_HEADER };

const reply = ( res: ServerResponse, status: number, json: unknown ) => {
	res.writeHead( status, { 'Content-Type': 'application/json' } );
	res.end( JSON.stringify( json ) );
};

export function startReceiver( options: ReceiverOptions ): Promise< Receiver > {
	const maxBody = options.maxBodyBytes ?? 1024 * 1024;
	const handoffs: Handoff[] = [];
	const deliveries: Delivery[] = [];
	const pushes: PushDelivery[] = [];
	const faults = new Faults();
	const disconnects: Receiver[ 'disconnects' ] = [];
	let baseUrl = '';
	let port = options.port ?? 0;
	let handoffStatus = 200;
	let webhookSecret: string | null = null;
	let deliveryStatus = 200;

	const answerHandoff = ( body: Buffer, res: ServerResponse ) => {
		const handoff = parseHandoff( body.toString( 'utf8' ) );
		if ( ! handoff ) {
			return reply( res, 400, { error: 'not a hand-off' } );
		}
		handoffs.push( handoff );
		if ( handoffStatus !== 200 ) {
			return reply( res, handoffStatus, { error: 'refused' } );
		}
		// Deliveries are checked with the secret the shop handed over.
		webhookSecret = handoff.webhook_secret ?? webhookSecret;
		// A shop-started hand-off (its own user for a connection) arrives at /handoff/reconnect.
		reply( res, 200, {
			...SERVICE_FACTS,
			disconnect_url: `${ baseUrl }/disconnect`,
			reconnect_url: `${ baseUrl }/handoff/reconnect`,
		} );
	};

	const answerPush = ( push: PushDelivery, res: ServerResponse ) => {
		pushes.push( push );
		if (
			! push.flashnodeSignatureValid ||
			push.wcSignatureValid === false
		) {
			push.answered = 401;
			return reply( res, 401, { error: 'bad signature' } );
		}
		const decision =
			deliveryStatus !== 200
				? deliveryStatus
				: faults.decide( push.eventId );
		if ( decision === 'hang' ) {
			// Never answered: the shop's timeout ends it (or close()).
			return;
		}
		push.answered = decision;
		reply(
			res,
			decision,
			decision === 200
				? { received: true }
				: { error: 'failing on purpose' }
		);
	};

	const handle = (
		path: string,
		headers: IncomingHttpHeaders,
		body: Buffer,
		res: ServerResponse
	) => {
		if ( path.startsWith( '/handoff' ) ) {
			return answerHandoff( body, res );
		}
		if ( path === '/disconnect' ) {
			const signatureValid = verifySignature(
				body,
				webhookSecret ?? '',
				headers[ 'x-flashnode-signature' ]
			);
			disconnects.push( { body, signatureValid } );
			return reply( res, signatureValid ? 200 : 401, {} );
		}
		const test = headers[ TEST_MARKER_HEADER ] === '1';
		const push = readPushDelivery( headers, body, webhookSecret ?? '' );
		let signatureValid: boolean | null = null;
		if ( push ) {
			signatureValid =
				push.flashnodeSignatureValid && push.wcSignatureValid !== false;
		} else if ( webhookSecret !== null ) {
			signatureValid = verifySignature(
				body,
				webhookSecret,
				headers[ 'x-wc-webhook-signature' ]
			);
		}
		const at = Date.now();
		deliveries.push( { at, path, headers, body, test, signatureValid } );
		if ( push ) {
			return answerPush( push, res );
		}
		if ( signatureValid === false ) {
			return reply( res, 401, { error: 'bad signature' } );
		}
		return deliveryStatus === 200
			? reply( res, 200, { received: true, test } )
			: reply( res, deliveryStatus, { error: 'refused' } );
	};

	const server: Server = createServer(
		{ cert: options.cert, key: options.key },
		( req, res ) => {
			const chunks: Buffer[] = [];
			let size = 0;
			req.on( 'data', ( chunk: Buffer ) => {
				size += chunk.length;
				if ( size <= maxBody ) {
					chunks.push( chunk );
				}
			} );
			req.on( 'end', () => {
				const url = new URL( req.url ?? '/', 'https://receiver' );
				if ( req.method === 'GET' ) {
					const page = servicePage( url, baseUrl );
					res.writeHead( page?.status ?? 404, {
						'Content-Type': 'text/html; charset=utf-8',
						...( page?.status === 302 && {
							Location: page.location,
						} ),
					} );
					return res.end( page?.status === 200 ? page.html : '' );
				}
				if ( req.method !== 'POST' ) {
					return reply( res, 405, { error: 'GET or POST only' } );
				}
				if ( size > maxBody ) {
					return reply( res, 413, { error: 'body too large' } );
				}
				handle(
					url.pathname,
					req.headers,
					Buffer.concat( chunks ),
					res
				);
			} );
		}
	);

	const listen = () =>
		new Promise< void >( ( resolve, reject ) => {
			server.once( 'error', reject );
			server.listen( port, '127.0.0.1', () => {
				server.off( 'error', reject );
				port = ( server.address() as AddressInfo ).port;
				resolve();
			} );
		} );
	const stop = () =>
		new Promise< void >( ( done ) => {
			if ( ! server.listening ) {
				return done();
			}
			server.close( () => done() );
			server.closeAllConnections();
		} );

	return listen().then( () => {
		baseUrl = `https://127.0.0.1:${ port }`;
		return {
			url: baseUrl,
			handoffs,
			deliveries,
			pushes,
			faults,
			disconnects,
			answerHandoffsWith: ( status ) => {
				handoffStatus = status;
			},
			useWebhookSecret: ( secret ) => {
				webhookSecret = secret;
			},
			answerDeliveriesWith: ( status ) => {
				deliveryStatus = status;
			},
			setFault: async ( mode ) => {
				const wasDown = faults.mode === 'down';
				faults.set( mode );
				if ( mode === 'down' && ! wasDown ) {
					await stop();
				} else if ( mode !== 'down' && wasDown ) {
					await listen();
				}
			},
			close: stop,
		};
	} );
}
