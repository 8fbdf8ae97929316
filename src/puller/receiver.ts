/**
 * Reference receiving side of an integration service: what a service needs to accept Flashnode Connector's
 * key hand-off and WooCommerce's webhook deliveries. The browser tests run it on 127.0.0.1 with the local
 * shop's certificate; an integrator can read it as the contract:
 *
 * - hand-off: `POST <callback>` with JSON {site_url, consumer_key, consumer_secret, key_permissions, key_id,
 *   user_id, plugin_version, webhook_secret, webhook_ids, topics, order_statuses, api_mode}; answer 200
 *   (optionally JSON {polling_interval_minutes, ip_addresses, disconnect_url, reconnect_url}) to keep the key
 *   and webhooks, anything else and the shop deletes them again. This receiver then checks deliveries with
 *   webhook_secret;
 * - reconnect: the shop POSTs the same hand-off to reconnect_url when the owner gives the service its own user
 *   (a connection older than reconnect_url reports it with its key: PUT /wp-json/wc-flashnode/v1/connection);
 * - disconnect: `POST <disconnect_url>` with JSON {site_url, key_id, reason}, signed like a delivery in
 *   `X-Flashnode-Signature` with the webhook secret;
 * - service page (GET /, /connect, /back: service-page.ts): "Connect your shop" sends the owner to the shop's
 *   approval screen, which sends them back to /back;
 * - webhooks: `POST <delivery URL>` with WooCommerce's headers; `X-WC-Webhook-Signature` is the base64
 *   HMAC-SHA256 of the raw body with the webhook secret. Verify it on the raw bytes, before parsing. The plugin's
 *   own deliveries in the feed's format (`{change, order}`) carry the same signature in `X-Flashnode-Signature`;
 * - the page's "Send test" sends the same, signed, with the header `X-Flashnode-Test: 1`: the payload of the
 *   shop's newest order (or a sample `{"flashnode_test":"sample",…}` when it has none). Answer it 2xx like a
 *   delivery, but do not act on the order.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import {
	HANDOFF_FIELDS,
	parseHandoff,
	verifySignature,
	type Handoff,
} from './contract';
import { servicePage } from './service-page';

export { HANDOFF_FIELDS, parseHandoff, verifySignature, type Handoff };

export interface Delivery {
	path: string;
	headers: IncomingHttpHeaders;
	/** Raw body: the signature covers these exact bytes. */
	body: Buffer;
	/** Sent by the page's "Send test" (header X-Flashnode-Test: 1), not by an event in the shop. */
	test: boolean;
	/** Whether the signature matched the secret given to useWebhookSecret(); null while none was given. */
	signatureValid: boolean | null;
}

/** Header that marks the page's test deliveries (php/Webhooks/TestDelivery.php). */
export const TEST_MARKER_HEADER = 'x-flashnode-test';

export interface ReceiverOptions {
	/** PEM certificate and key to serve HTTPS with. */
	cert: string;
	key: string;
	/** 0 (default) picks a free port. */
	port?: number;
	/** Bodies larger than this are refused with 413 (default 1 MiB). */
	maxBodyBytes?: number;
}

export interface Receiver {
	/** https://127.0.0.1:<port> */
	url: string;
	handoffs: Handoff[];
	deliveries: Delivery[];
	/** Disconnect notices: body and whether their signature matched the hand-off's webhook secret. */
	disconnects: Array< { body: Buffer; signatureValid: boolean } >;
	/** The status the next hand-offs are answered with (default 200). */
	answerHandoffsWith: ( status: number ) => void;
	/** From now on, deliveries with a signature that does not match `secret` are answered 401, as a service would. */
	useWebhookSecret: ( secret: string ) => void;
	/** The status well-signed deliveries are answered with (default 200). */
	answerDeliveriesWith: ( status: number ) => void;
	close: () => Promise< void >;
}

/** What the reference service tells the shop about itself when it accepts a key. */
export const SERVICE_FACTS = {
	polling_interval_minutes: 5,
	ip_addresses: [ '203.0.113.10', '2001:db8::10' ],
};

export function startReceiver( options: ReceiverOptions ): Promise< Receiver > {
	const maxBody = options.maxBodyBytes ?? 1024 * 1024;
	const handoffs: Handoff[] = [];
	const deliveries: Delivery[] = [];
	const disconnects: Receiver[ 'disconnects' ] = [];
	let baseUrl = '';
	let handoffStatus = 200;
	let webhookSecret: string | null = null;
	let deliveryStatus = 200;

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
				const reply = ( status: number, json: unknown ) => {
					res.writeHead( status, {
						'Content-Type': 'application/json',
					} );
					res.end( JSON.stringify( json ) );
				};
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
					return reply( 405, { error: 'GET or POST only' } );
				}
				if ( size > maxBody ) {
					return reply( 413, { error: 'body too large' } );
				}
				const body = Buffer.concat( chunks );
				const path = url.pathname;
				if ( path.startsWith( '/handoff' ) ) {
					const handoff = parseHandoff( body.toString( 'utf8' ) );
					if ( ! handoff ) {
						return reply( 400, { error: 'not a hand-off' } );
					}
					handoffs.push( handoff );
					if ( handoffStatus !== 200 ) {
						return reply( handoffStatus, { error: 'refused' } );
					}
					// Deliveries are checked with the secret the shop handed over.
					webhookSecret = handoff.webhook_secret ?? webhookSecret;
					// A shop-started hand-off (its own user for a connection) arrives at /handoff/reconnect.
					return reply( 200, {
						...SERVICE_FACTS,
						disconnect_url: `${ baseUrl }/disconnect`,
						reconnect_url: `${ baseUrl }/handoff/reconnect`,
					} );
				}
				if ( path === '/disconnect' ) {
					const signatureValid = verifySignature(
						body,
						webhookSecret ?? '',
						req.headers[ 'x-flashnode-signature' ]
					);
					disconnects.push( { body, signatureValid } );
					return reply( signatureValid ? 200 : 401, {} );
				}
				// WooCommerce's format signs in X-WC-Webhook-Signature, the feed's format only in
				// X-Flashnode-Signature (the same algorithm and secret).
				const signatureValid =
					webhookSecret === null
						? null
						: verifySignature(
								body,
								webhookSecret,
								req.headers[ 'x-wc-webhook-signature' ] ??
									req.headers[ 'x-flashnode-signature' ]
							);
				const test = req.headers[ TEST_MARKER_HEADER ] === '1';
				deliveries.push( {
					path,
					headers: req.headers,
					body,
					test,
					signatureValid,
				} );
				if ( signatureValid === false ) {
					return reply( 401, { error: 'bad signature' } );
				}
				return deliveryStatus === 200
					? reply( 200, { received: true, test } )
					: reply( deliveryStatus, { error: 'refused' } );
			} );
		}
	);

	return new Promise( ( resolve, reject ) => {
		server.once( 'error', reject );
		server.listen( options.port ?? 0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			baseUrl = `https://127.0.0.1:${ port }`;
			resolve( {
				url: baseUrl,
				handoffs,
				deliveries,
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
				close: () =>
					new Promise( ( done ) => {
						server.closeAllConnections();
						server.close( () => done() );
					} ),
			} );
		} );
	} );
}
