/**
 * A service connected through the approval routes, as the owner's Approve click does it (the admin's session and
 * nonce), with the reference receiver (src/puller/receiver.ts) taking the hand-off: what the service ends with
 * is what the tests then use, its key above all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { request, type HttpResponse } from '../../src/puller/http';
import { startReceiver, type Receiver } from '../../src/puller/receiver';
import type { Handoff } from '../../src/puller/contract';
import type { Contexts } from './api-contexts';
import { expect } from './fixtures';
import { readShop, shopDir } from './shop';

const shop = readShop();
const shopCa = readFileSync( shop.caFile, 'utf8' );

/** The reference service, over HTTPS with the shop's certificate (valid for 127.0.0.1 and localhost). */
export function startService(): Promise< Receiver > {
	return startReceiver( {
		cert: readFileSync( join( shopDir, 'tls/server.pem' ), 'utf8' ),
		key: readFileSync( join( shopDir, 'tls/server-key.pem' ), 'utf8' ),
	} );
}

export interface ServiceLink {
	/** The service's name on the approval screen. */
	name: string;
	/** The receiver's address, or the same one under another host name (another service). */
	baseUrl: string;
	/** Comma-separated scopes; the link's default when missing. */
	scopes?: string;
	/** Webhooks to the service (order.created, order.updated) when true. */
	webhooks?: boolean;
	/** How the plugin delivers the order changes to the webhooks (the link's delivery_format); its default when missing. */
	deliveryFormat?: 'woocommerce' | 'flashnode';
}

let requestId = 0;

/**
 * Approves a link; resolves with the hand-off the service received.
 *
 * @param contexts The admin's contexts.
 * @param receiver The reference service.
 * @param link     What the link asks for.
 */
export async function approve(
	contexts: Contexts,
	receiver: Receiver,
	link: ServiceLink
): Promise< Handoff > {
	const before = receiver.handoffs.length;
	const response = await contexts.admin.post(
		'/wp-json/flashnode/v1/connection/approve',
		{
			headers: { 'X-WP-Nonce': contexts.nonce },
			data: {
				request_id: `e2e-connect-${ process.pid }-${ Date.now() }-${ ++requestId }`,
				service_name: link.name,
				callback_url: `${ link.baseUrl }/handoff/e2e`,
				return_url: `${ link.baseUrl }/back`,
				...( link.webhooks
					? {
							webhook_url: `${ link.baseUrl }/hooks`,
							topics: 'order.created,order.updated',
						}
					: {} ),
				...( link.scopes ? { scopes: link.scopes } : {} ),
				...( link.deliveryFormat
					? { delivery_format: link.deliveryFormat }
					: {} ),
			},
		}
	);
	expect( response.status(), await response.text() ).toBe( 201 );
	expect( receiver.handoffs ).toHaveLength( before + 1 );
	return receiver.handoffs[ before ];
}

/**
 * One call with a key (Basic Auth over HTTPS), as the service makes it.
 *
 * @param key    The hand-off's key.
 * @param method HTTP method.
 * @param path   Path after the site address, e.g. /wp-json/wc/v3/orders.
 * @param body   JSON body.
 */
export function callWith(
	key: Pick< Handoff, 'consumer_key' | 'consumer_secret' >,
	method: string,
	path: string,
	body?: unknown
): Promise< HttpResponse > {
	return request( `${ shop.url }${ path }`, {
		method,
		credentials: { key: key.consumer_key, secret: key.consumer_secret },
		ca: shopCa,
		...( body === undefined
			? {}
			: {
					body: JSON.stringify( body ),
					headers: { 'Content-Type': 'application/json' },
				} ),
	} );
}

/**
 * The shop's connections, as the page reads them.
 * @param contexts
 */
export async function connections(
	contexts: Contexts
): Promise< Array< Record< string, unknown > & { id: string } > > {
	const response = await contexts.admin.get(
		'/wp-json/flashnode/v1/connection',
		{ headers: { 'X-WP-Nonce': contexts.nonce } }
	);
	expect( response.status() ).toBe( 200 );
	return ( await response.json() ).connections;
}

/**
 * Disconnect, as the card's button does it.
 *
 * @param contexts The admin's contexts.
 * @param id       The connection.
 */
export async function disconnect(
	contexts: Contexts,
	id: string
): Promise< void > {
	const response = await contexts.admin.delete(
		`/wp-json/flashnode/v1/connection?id=${ encodeURIComponent( id ) }`,
		{ headers: { 'X-WP-Nonce': contexts.nonce } }
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}
