/**
 * The settings page's "Order flow" panel in the browser: an order in a transfer status that no service
 * acknowledged for two hours (past the 45-minute default, or three polling intervals) is listed as stuck with a
 * link to its edit screen; the service's read shows as the last feed read; once the service acknowledges the
 * order through POST wc-flashnode/v1/acks, Refresh takes it off the list.
 */
import { type APIRequestContext } from '@playwright/test';

import { serverContext } from './api-contexts';
import { expect, openSettingsTab, test } from './fixtures';
import {
	basicAuth,
	createApiKey,
	createOrder,
	deleteApiKey,
	deleteOrders,
	type ApiKey,
} from './support';

let api: APIRequestContext;
let key: ApiKey;
const created: number[] = [];

test.beforeAll( async () => {
	api = await serverContext();
	key = createApiKey( 'read_write' );
} );

test.afterAll( async () => {
	deleteOrders( created );
	deleteApiKey( key );
	await api.dispose();
} );

test( 'order flow: a stuck order is listed with a working link until the service acknowledges it', async ( {
	page,
	jsErrors,
} ) => {
	const id = createOrder(
		'processing',
		new Date( Date.now() - 2 * 60 * 60 * 1000 )
	);
	created.push( id );
	const auth = { Authorization: basicAuth( key ) };
	const read = await api.get( '/wp-json/wc-flashnode/v1/changes', {
		params: { after: 0, limit: 1 },
		headers: auth,
	} );
	expect( read.status(), await read.text() ).toBe( 200 );

	await openSettingsTab( page );
	const panel = page.getByTestId( 'order-flow-panel' );
	await expect( panel.getByRole( 'heading' ) ).toHaveText( 'Order flow' );
	await expect( panel.getByTestId( 'last-read' ) ).toContainText(
		`by Flashnode e2e test key (key #${ key.key_id })`
	);
	await expect( panel.getByTestId( 'lag' ) ).toContainText( 'not read yet' );
	const link = panel.getByRole( 'link', { name: `Order #${ id } (` } );
	await expect( link ).toBeVisible();
	await expect( panel.getByTestId( 'stuck-orders' ) ).toContainText(
		'not acknowledged for more than'
	);

	// The link opens the order's edit screen.
	await link.click();
	await expect( page ).toHaveURL( new RegExp( `[?&](post|id)=${ id }\\b` ) );
	await expect( page.locator( '#order_data' ) ).toContainText( `#${ id }` );

	const ack = await api.post( '/wp-json/wc-flashnode/v1/acks', {
		data: { order_ids: [ id ], reference: 'E2E-FLOW' },
		headers: auth,
	} );
	expect( ack.status(), await ack.text() ).toBe( 200 );
	expect( ( await ack.json() ).acknowledged ).toBe( 1 );

	await openSettingsTab( page );
	await expect(
		page.getByTestId( 'order-flow-panel' ).getByRole( 'link', {
			name: `Order #${ id } (`,
		} )
	).toHaveCount( 0 );
	// Refresh loads the route again (no page reload).
	const again = page.waitForResponse( ( r ) =>
		r.url().includes( 'order-flow' )
	);
	await page
		.getByTestId( 'order-flow-panel' )
		.getByRole( 'button', { name: 'Refresh' } )
		.click();
	expect( ( await again ).status() ).toBe( 200 );
	expect( jsErrors ).toEqual( [] );
} );
