/**
 * Who asks and what is aimed at, for every hostile-input spec: the shop manager's session (with a valid, an
 * expired and someone else's nonce), a customer's, a logged-out one; and real targets that must survive every
 * request (a key and two webhooks of the plugin, a WooCommerce key and webhook that are not the plugin's).
 */
import { Agent } from 'node:https';

import { expect, test } from '../fixtures';
import {
	deleteUser,
	endSession,
	forgetClaims,
	requestId,
	sessionJson,
	startSession,
	type Session,
} from '../raw-http';
import { deleteWebhook, foreignWebhook } from '../security-data';
import { readShop } from '../shop';
import { createApiKey, deleteApiKey, type ApiKey } from '../support';

export const shop = readShop();
export const NS = '/flashnode/v1';
export const HEALTH = '/wc-flashnode/v1/health';
export const CONCURRENCY = 8;
const CUSTOMER = 'flashnode-hostile-customer';
/** A loopback receiver nobody listens on (the test stack lets the plugin address 127.0.0.1; see OutboundUrl). */
export const TARGET_URL = 'https://127.0.0.1:9/flashnode-hostile';

export interface Hostile {
	admin: Session;
	customer: Session;
	ended: Session;
	agent: Agent;
	foreignKey: ApiKey;
	foreignWebhookId: number;
	/** A key of the plugin (with `targets.key`). */
	keyId: number;
	/** Two webhooks of the plugin (with `targets.webhooks`). */
	webhookIds: number[];
}

/**
 * Registers the spec file's set-up and tear-down; the returned object is filled in before the first test.
 *
 * @param targets          Which of the plugin's own objects the file aims at.
 * @param targets.key      A key of the plugin.
 * @param targets.webhooks Two webhooks of the plugin.
 */
export function hostileSetUp(
	targets: { key?: boolean; webhooks?: boolean } = {}
): Hostile {
	const h = { webhookIds: [] as number[] } as Hostile;
	const claims = {
		create_key: [] as string[],
		register_webhooks: [] as string[],
	};
	test.beforeAll( async () => {
		test.setTimeout( 120_000 );
		h.agent = new Agent( { keepAlive: true, maxSockets: CONCURRENCY } );
		h.admin = startSession( shop.user, 'administrator' );
		h.customer = startSession( CUSTOMER, 'customer' );
		h.ended = startSession( shop.user, 'administrator' );
		endSession( h.ended );
		h.foreignKey = createApiKey( 'read_write' );
		h.foreignWebhookId = foreignWebhook( TARGET_URL );
		// A request id the test claimed, forgotten again afterwards; the answer must be a 201.
		const create = async (
			action: keyof typeof claims,
			route: string,
			body: object
		) => {
			const id = requestId();
			claims[ action ].push( id );
			const created = await sessionJson(
				h.admin,
				'POST',
				`${ NS }/${ route }`,
				{ request_id: id, ...body },
				h.agent
			);
			expect( created.status, created.body ).toBe( 201 );
			return created.json;
		};
		if ( targets.key ) {
			h.keyId = (
				await create( 'create_key', 'keys', {
					permissions: 'read',
					description: 'Flashnode hostile-input target',
				} )
			).key.key_id;
		}
		if ( targets.webhooks ) {
			h.webhookIds = (
				await create( 'register_webhooks', 'webhooks', {
					delivery_url: TARGET_URL,
					topics: [ 'order.created', 'order.updated' ],
					name: 'Flashnode hostile-input target',
				} )
			).created;
			expect( h.webhookIds ).toHaveLength( 2 );
		}
		// Reads that tidy the plugin's id lists and fill the readiness cache, so the "before" snapshot is settled.
		for ( const route of [
			'keys',
			'webhooks',
			'connection',
			'settings',
			'readiness',
		] ) {
			const read = await sessionJson(
				h.admin,
				'GET',
				`${ NS }/${ route }`,
				undefined,
				h.agent
			);
			expect( read.status, read.body ).toBe( 200 );
		}
	} );
	test.afterAll( async () => {
		if ( h.keyId ) {
			await sessionJson(
				h.admin,
				'DELETE',
				`${ NS }/keys/${ h.keyId }`,
				undefined,
				h.agent
			);
		}
		for ( const id of h.webhookIds ) {
			await sessionJson(
				h.admin,
				'DELETE',
				`${ NS }/webhooks/${ id }`,
				undefined,
				h.agent
			);
		}
		forgetClaims( 'create_key', ...claims.create_key );
		forgetClaims( 'register_webhooks', ...claims.register_webhooks );
		if ( h.foreignKey ) {
			deleteApiKey( h.foreignKey );
		}
		if ( h.foreignWebhookId ) {
			deleteWebhook( h.foreignWebhookId );
		}
		endSession( h.admin );
		endSession( h.customer );
		deleteUser( CUSTOMER );
		h.agent?.destroy();
	} );
	return h;
}
