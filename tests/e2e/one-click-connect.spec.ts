/**
 * Connect in one click: the reference service (src/puller/receiver.ts) sends the owner to the shop's approval
 * screen, which lists the rights (scopes) of the service's own user; Approve sets up that user, its key,
 * webhooks and transfer statuses in one request; approving again replaces the key and webhooks; Disconnect tells
 * the service. And every way it can go wrong (Deny, a refusing service, a forged request, bad addresses) leaves
 * nothing behind.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';

import { get } from '../../src/puller/http';
import { startReceiver, type Receiver } from '../../src/puller/receiver';
import { SERVICE_NAME, approvalUrl } from '../../src/puller/service-page';
import { openContexts, type Contexts } from './api-contexts';
import { expect, test } from './fixtures';
import {
	PLUGIN_FILE,
	deletePlugin,
	readShop,
	repoRoot,
	runDueJobs,
	shopDir,
	wp,
} from './shop';
import { createSampleOrder } from './support';

const shop = readShop();
const shopCa = readFileSync( shop.caFile, 'utf8' );
const support = ( name: string ) => join( repoRoot, 'tests/e2e/support', name );
const state = () =>
	JSON.parse( wp( 'eval-file', support( 'connection-state.php' ) ) ) as {
		key_rows: number;
		webhook_rows: number;
		settings: unknown;
		connections: Record< string, { scopes: string[] | null } > | null;
		users: number;
		history: unknown;
	};
/**
 * The status of a wc/v3 read with a key: 200, or 401 (key gone) / 403 (its user lacks the right).
 *
 * @param route  Route under wc/v3, e.g. orders.
 * @param key    Consumer key.
 * @param secret Consumer secret.
 */
const readWith = async ( route: string, key: string, secret: string ) =>
	(
		await get( `${ shop.url }/wp-json/wc/v3/${ route }?per_page=1`, {
			credentials: { key, secret },
			ca: shopCa,
		} )
	).status;
const ordersWith = ( key: string, secret: string ) =>
	readWith( 'orders', key, secret );
/** The service's own user (the approval's "user of its own"). */
const SERVICE_LOGIN = 'flashnode-reference-service';
/** The connection's id: its callback host as a slug. */
const CONNECTION = 'connection-127-0-0-1';

let receiver: Receiver;
let contexts: Contexts;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	receiver = await startReceiver( {
		cert: readFileSync( join( shopDir, 'tls/server.pem' ), 'utf8' ),
		key: readFileSync( join( shopDir, 'tls/server-key.pem' ), 'utf8' ),
	} );
	contexts = await openContexts();
	wp( 'eval-file', support( 'connection.php' ), 'cleanup' );
	// Not what the service proposes: the test shows Approve saves the proposal.
	wp(
		'option',
		'update',
		'flashnode_connector_settings',
		'{"api_mode":"rest_v3","order_statuses":["completed"],"keep_connection_on_uninstall":false}',
		'--format=json'
	);
} );

test.afterAll( async () => {
	await contexts?.dispose();
	await receiver?.close();
	wp( 'eval-file', support( 'connection.php' ), 'cleanup' );
	wp( 'option', 'delete', 'flashnode_connector_settings' );
} );

/** Clicks on the shop's pages (the service's own pages and logging in do not count). */
let shopClicks = 0;
const clickInShop = async ( page: Page, target: Locator ) => {
	expect( page.url().startsWith( shop.url ) ).toBe( true );
	shopClicks++;
	await target.click();
};

const startAtService = async ( page: Page ) => {
	await page.goto(
		`${ receiver.url }/?shop=${ encodeURIComponent( shop.url ) }`
	);
	await page.getByRole( 'button', { name: 'Connect your shop' } ).click();
	await expect( page.getByTestId( 'approval-screen' ) ).toBeVisible();
};

test( 'Deny sends the owner back and leaves nothing', async ( { page } ) => {
	const before = state();
	await startAtService( page );
	await page.getByRole( 'button', { name: 'Deny' } ).click();
	await expect( page.locator( '#outcome' ) ).toHaveText(
		'The shop did not approve the connection.'
	);
	expect( new URL( page.url() ).searchParams.get( 'success' ) ).toBe( '0' );
	expect( receiver.handoffs ).toHaveLength( 0 );
	expect( state() ).toEqual( before );
} );

test( 'a service answering 500 leaves nothing, and the screen offers a retry', async ( {
	page,
} ) => {
	const before = state();
	receiver.answerHandoffsWith( 500 );
	await startAtService( page );
	await page.getByRole( 'button', { name: 'Approve' } ).click();
	await expect( page.getByTestId( 'notices' ) ).toContainText( 'HTTP 500' );
	await expect(
		page.getByRole( 'button', { name: 'Try again' } )
	).toBeEnabled();
	expect( receiver.handoffs ).toHaveLength( 1 );
	const refused = receiver.handoffs[ 0 ];
	expect(
		await ordersWith( refused.consumer_key, refused.consumer_secret )
	).toBe( 401 );
	expect( state() ).toEqual( before );
	receiver.answerHandoffsWith( 200 );
	receiver.handoffs.length = 0;
} );

test( 'a forged request without the REST nonce, or without a login, approves nothing', async () => {
	const before = state();
	const link = Object.fromEntries(
		new URL( approvalUrl( shop.url, receiver.url, 'forged' ) ).searchParams
	);
	for ( const context of [ contexts.admin, contexts.bare ] ) {
		const answer = await context.post(
			'/wp-json/flashnode/v1/connection/approve',
			{
				data: { ...link, request_id: 'forged-request-1' },
			}
		);
		expect( answer.status() ).toBe( 401 );
	}
	expect( receiver.handoffs ).toHaveLength( 0 );
	expect( state() ).toEqual( before );
} );

test( 'bad addresses in the link are named on the screen, and refused by the route', async ( {
	page,
} ) => {
	const before = state();
	const good = new URL( approvalUrl( shop.url, receiver.url, 'bad' ) );
	const bad = {
		'http://': 'http://203.0.113.10/handoff',
		private: 'https://10.1.2.3/handoff',
		credentials: 'https://user:secret@203.0.113.10/handoff',
	};
	for ( const field of [ 'callback_url', 'return_url', 'webhook_url' ] ) {
		for ( const [ what, address ] of Object.entries( bad ) ) {
			const link = new URL( good );
			link.searchParams.set( field, address );
			const answer = await contexts.admin.post(
				'/wp-json/flashnode/v1/connection/approve',
				{
					headers: { 'X-WP-Nonce': contexts.nonce },
					data: {
						...Object.fromEntries( link.searchParams ),
						request_id: `bad-${ field }-${ what.length }`,
					},
				}
			);
			expect( answer.status(), `${ field } ${ what }` ).toBe( 400 );
			expect( ( await answer.json() ).code ).toBe(
				'flashnode_invalid_url'
			);
			if ( field === 'callback_url' ) {
				await page.goto( link.toString() );
				await expect(
					page.getByTestId( 'approval-screen' )
				).toContainText( 'This connection link cannot be used' );
				await expect(
					page.getByRole( 'button', { name: 'Approve' } )
				).toHaveCount( 0 );
			}
		}
	}
	expect( receiver.handoffs ).toHaveLength( 0 );
	expect( state() ).toEqual( before );
} );

test( 'from "Connect your shop" to a working connection in at most 3 clicks in the shop, with the rights the owner left ticked', async ( {
	page,
	jsErrors,
} ) => {
	const started = Date.now();
	await startAtService( page );
	const screen = page.getByTestId( 'approval-screen' );
	await expect( screen ).toContainText(
		`Connect ${ SERVICE_NAME } to this shop?`
	);
	const grants = page.getByTestId( 'approval-grants' );
	await expect( grants ).toContainText(
		`a REST API key of a WordPress user of its own ("${ SERVICE_NAME }", who cannot log in), not yours`
	);
	await expect( grants ).not.toContainText( 'acts as you' );
	await expect( page.getByTestId( 'approval-delivery' ) ).toHaveText(
		"its order changes: this plugin delivers them to 127.0.0.1 in WooCommerce's webhook format, signed with a new secret, and retries each one until 127.0.0.1 has received it (nothing is dropped);"
	);
	// The default scopes, each with what it allows; orders:read cannot be unticked; then what none allows.
	const scopes = page.getByTestId( 'approval-scopes' );
	for ( const [ label, allows ] of [
		[ 'Read orders', 'See orders with their customers' ],
		[ 'Update orders', 'Mark orders as transferred' ],
		[ 'Read products', 'See products, prices and stock.' ],
	] ) {
		await expect( scopes.getByLabel( label ) ).toBeChecked();
		await expect( scopes ).toContainText( allows );
	}
	await expect( scopes.getByLabel( 'Read orders' ) ).toBeDisabled();
	await expect( scopes.getByLabel( 'Read customers' ) ).toHaveCount( 0 );
	await expect( page.getByTestId( 'approval-never' ) ).toHaveText(
		'It cannot see or change your payment methods, shop settings, coupons, webhooks or reports, cannot change users, and cannot log in to your site.'
	);
	await expect( page.getByTestId( 'approval-replaces' ) ).toHaveCount( 0 );
	await expect(
		page.getByLabel( 'Processing', { exact: true } )
	).toBeChecked();
	await clickInShop( page, scopes.getByLabel( 'Read products' ) );
	await expect( scopes.getByLabel( 'Read products' ) ).not.toBeChecked();
	await clickInShop( page, page.getByRole( 'button', { name: 'Approve' } ) );
	await expect( page.locator( '#outcome' ) ).toHaveText(
		`Connected to ${ shop.url }.`
	);
	expect( shopClicks ).toBeLessThanOrEqual( 3 );
	test.info().annotations.push( {
		type: 'owner path',
		description: `${ shopClicks } click(s) in the shop, ${ ( ( Date.now() - started ) / 1000 ).toFixed( 1 ) } s`,
	} );

	expect( receiver.handoffs ).toHaveLength( 1 );
	const handoff = receiver.handoffs[ 0 ];
	expect( handoff ).toMatchObject( {
		site_url: shop.url,
		key_permissions: 'read_write',
		scopes: [ 'orders:read', 'orders:write' ],
		topics: [ 'order.created', 'order.updated' ],
		order_statuses: [ 'processing' ],
		api_mode: 'rest_v3',
	} );
	// The key's user is the service's own, not the admin who approved.
	expect( handoff.user_id ).not.toBe(
		Number( wp( 'user', 'get', shop.user, '--field=ID' ) )
	);
	expect(
		wp( 'user', 'get', String( handoff.user_id ), '--field=user_login' )
	).toBe( SERVICE_LOGIN );
	expect(
		wp( 'user', 'get', String( handoff.user_id ), '--field=roles' )
	).toBe( 'flashnode_connection' );
	// The connection holds the scopes left ticked, and the key can do no more: products (unticked) and the
	// shop's settings answer 403.
	expect( state().connections?.[ '127-0-0-1' ]?.scopes ).toEqual( [
		'orders:read',
		'orders:write',
	] );
	for ( const route of [ 'products', 'settings' ] ) {
		expect(
			await readWith(
				route,
				handoff.consumer_key,
				handoff.consumer_secret
			),
			route
		).toBe( 403 );
	}
	expect( handoff.webhook_ids ).toHaveLength( 2 );
	expect( String( handoff.webhook_secret ).length ).toBeGreaterThanOrEqual(
		32
	);
	// The key reads orders; the statuses are the proposed ones.
	expect(
		await ordersWith( handoff.consumer_key, handoff.consumer_secret )
	).toBe( 200 );
	expect(
		( state().settings as { order_statuses: string[] } ).order_statuses
	).toEqual( [ 'processing' ] );
	// A new order reaches the service, signed with the secret it got in the hand-off.
	const orderId = createSampleOrder( 'processing' );
	await runDueJobs();
	const created = receiver.deliveries.find(
		( d ) =>
			d.headers[ 'x-wc-webhook-topic' ] === 'order.created' &&
			( JSON.parse( d.body.toString( 'utf8' ) ) as { id?: number } )
				.id === orderId
	);
	expect( created?.signatureValid ).toBe( true );
	wp( 'eval-file', support( 'orders.php' ), 'delete', String( orderId ) );
	expect( jsErrors ).toEqual( [] );
} );

test( 'approving the same service again: the screen says so first, and the new key and webhooks replace the old ones', async ( {
	page,
} ) => {
	const first = receiver.handoffs[ 0 ];
	const usersBefore = state().users;
	await startAtService( page );
	const notice = page.getByTestId( 'approval-replaces' );
	await expect( notice ).toContainText(
		`${ SERVICE_NAME } is already connected since `
	);
	await expect( notice ).toContainText(
		'; approving again replaces its key and webhooks.'
	);
	// Before the buttons, so the owner reads it before clicking.
	const [ noticeBox, approveBox ] = await Promise.all( [
		notice.boundingBox(),
		page.getByRole( 'button', { name: 'Approve' } ).boundingBox(),
	] );
	expect( noticeBox?.y ?? Infinity ).toBeLessThan( approveBox?.y ?? 0 );
	// This time with every scope asked for.
	await page.getByRole( 'button', { name: 'Approve' } ).click();
	await expect( page.locator( '#outcome' ) ).toHaveText(
		`Connected to ${ shop.url }.`
	);
	expect( receiver.handoffs ).toHaveLength( 2 );
	const second = receiver.handoffs[ 1 ];
	expect( second.scopes ).toEqual( [
		'orders:read',
		'orders:write',
		'products:read',
	] );
	// The same user, with the new scopes; the old key and webhooks are gone, the new key works.
	expect( second.user_id ).toBe( first.user_id );
	expect( state().users ).toBe( usersBefore );
	expect( second.webhook_ids ).not.toEqual( first.webhook_ids );
	expect(
		await ordersWith( first.consumer_key, first.consumer_secret )
	).toBe( 401 );
	expect(
		await readWith(
			'products',
			second.consumer_key,
			second.consumer_secret
		)
	).toBe( 200 );
	expect( Object.keys( state().connections ?? {} ) ).toEqual( [
		'127-0-0-1',
	] );
	const listed = (
		( await (
			await contexts.admin.get( '/wp-json/flashnode/v1/webhooks', {
				headers: { 'X-WP-Nonce': contexts.nonce },
			} )
		).json() ) as { webhooks: Array< { id: number } > }
	 ).webhooks.map( ( webhook ) => webhook.id );
	expect( listed.sort() ).toEqual(
		[ ...( second.webhook_ids ?? [] ) ].sort()
	);
	expect( receiver.disconnects ).toHaveLength( 0 );
} );

test( 'the Connections panel shows the service, its user and rights, and the history; Disconnect revokes and tells the service', async ( {
	page,
} ) => {
	const handoff = receiver.handoffs[ 1 ];
	await page.goto( '/wp-admin/admin.php?page=wc-settings&tab=flashnode' );
	const card = page.getByTestId( CONNECTION );
	await expect( card.getByTestId( 'connection-service' ) ).toHaveText(
		`${ SERVICE_NAME } (127.0.0.1)`
	);
	await expect( card.getByTestId( 'connection-user' ) ).toHaveText(
		SERVICE_LOGIN
	);
	await expect( card.getByTestId( 'connection-scopes' ) ).toHaveText(
		'Read orders, Update orders, Read products'
	);
	await expect( card.getByTestId( 'connection-too-broad' ) ).toHaveCount( 0 );
	await expect( card.getByTestId( 'connection-webhook' ) ).toHaveCount( 2 );
	await expect( card.getByTestId( 'connection-key' ) ).toHaveCount( 1 );
	await expect( page.getByTestId( 'connection-history' ) ).toContainText(
		`approved again ${ SERVICE_NAME }`
	);
	await card.getByTestId( 'disconnect' ).click();
	await page
		.getByRole( 'dialog' )
		.getByRole( 'button', { name: 'Disconnect' } )
		.click();
	await expect( page.getByTestId( 'notices' ) ).toContainText(
		'the service was notified'
	);
	expect( receiver.disconnects ).toHaveLength( 1 );
	expect( receiver.disconnects[ 0 ].signatureValid ).toBe( true );
	expect(
		JSON.parse( receiver.disconnects[ 0 ].body.toString( 'utf8' ) )
	).toEqual( {
		site_url: shop.url,
		key_id: handoff.key_id,
		reason: 'owner_disconnected',
	} );
	expect(
		await ordersWith( handoff.consumer_key, handoff.consumer_secret )
	).toBe( 401 );
	const after = state();
	expect( after.connections ).toEqual( [] );
	expect(
		wp(
			'user',
			'list',
			'--role=flashnode_connection',
			'--field=user_login'
		)
	).toBe( '' );
	await expect( card ).toHaveCount( 0 );
	await expect( page.getByTestId( 'no-connections' ) ).toBeVisible();
	await expect( page.getByTestId( 'connection-history' ) ).toContainText(
		'disconnected'
	);
} );

test( 'deleting the plugin tells the connected service, unless "keep" is on', async () => {
	for ( const keep of [ true, false ] ) {
		const link = new URL(
			approvalUrl( shop.url, receiver.url, 'uninstall' )
		);
		// Fresh connections: the shop's server may have closed an idle keep-alive socket (ECONNRESET once).
		await contexts.dispose();
		contexts = await openContexts();
		const approved = await contexts.admin.post(
			'/wp-json/flashnode/v1/connection/approve',
			{
				headers: { 'X-WP-Nonce': contexts.nonce },
				data: {
					...Object.fromEntries( link.searchParams ),
					request_id: `uninstall-${ keep }-${ Date.now() }`,
				},
			}
		);
		expect( approved.status() ).toBe( 201 );
		wp(
			'option',
			'update',
			'flashnode_connector_settings',
			JSON.stringify( { keep_connection_on_uninstall: keep } ),
			'--format=json'
		);
		const before = receiver.disconnects.length;
		// Asynchronously: the notice comes back into this process, whose receiver must be free to answer it.
		await deletePlugin( PLUGIN_FILE );
		wp(
			'plugin',
			'install',
			join( repoRoot, 'dist/flashnode-connector.zip' ),
			'--force',
			'--activate'
		);
		expect( receiver.disconnects.length - before, `keep: ${ keep }` ).toBe(
			keep ? 0 : 1
		);
		if ( ! keep ) {
			const notice = receiver.disconnects[ before ];
			expect( notice.signatureValid ).toBe( true );
			expect(
				JSON.parse( notice.body.toString( 'utf8' ) )
			).toMatchObject( {
				reason: 'plugin_uninstalled',
			} );
		}
	}
} );
