/**
 * The webhooks panel's "Send test" against a receiver that verifies signatures (the reference receiver,
 * src/puller/receiver.ts, answering 401 to a body whose X-WC-Webhook-Signature does not match the secret): the
 * test delivery is the shop's newest order, signed and with WooCommerce's headers, marked X-Flashnode-Test.
 * WooCommerce's own ping (an unsigned "webhook_id=N") would get a 401 there and the page a 424.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

import {
	startReceiver,
	verifySignature,
	type Delivery,
	type Receiver,
} from '../../src/puller/receiver';
import { expect, openSettingsTab, test } from './fixtures';
import { createOrder, deleteOrders } from './support';
import { readShop, repoRoot, shopDir, wp } from './shop';

const shop = readShop();
const tls = join( shopDir, 'tls' );
let receiver: Receiver;
let orderId = 0;

test.describe.configure( { mode: 'serial' } );

/** Removes every webhook (and key) of the plugin, so the registration below shows its secret. */
const cleanup = () =>
	wp(
		'eval-file',
		join( repoRoot, 'tests/e2e/support/connection.php' ),
		'cleanup'
	);

test.beforeAll( async () => {
	cleanup();
	receiver = await startReceiver( {
		cert: readFileSync( join( tls, 'server.pem' ), 'utf8' ),
		key: readFileSync( join( tls, 'server-key.pem' ), 'utf8' ),
	} );
	// The newest order of the shop is what the test delivery carries.
	orderId = createOrder( 'processing', new Date() );
} );

test.afterAll( async () => {
	await receiver?.close();
	cleanup();
	deleteOrders( [ orderId ] );
} );

test( 'Send test: a receiver that verifies signatures accepts it and sees the newest order, marked as a test', async ( {
	page,
	jsErrors,
} ) => {
	await openSettingsTab( page );
	await page.getByTestId( 'delivery-url' ).fill( `${ receiver.url }/hooks` );
	await page.getByRole( 'button', { name: 'Register webhooks' } ).click();
	const secret = await page.getByTestId( 'webhook-secret' ).inputValue();
	receiver.useWebhookSecret( secret );
	const row = page.getByTestId( 'webhook-order.created' );
	await expect( row.getByTestId( 'webhook-status' ) ).toHaveText( 'Active' );

	const answer = page.waitForResponse( ( response ) =>
		/webhooks(%2F|\/)\d+(%2F|\/)test/.test( response.url() )
	);
	await row.getByRole( 'button', { name: 'Send test' } ).click();
	expect( ( await answer ).status() ).toBe( 200 );
	await expect(
		page
			.getByTestId( 'notices' )
			.getByText( 'Signed test delivery accepted by the receiver.' )
	).toBeVisible();
	await expect( row.getByTestId( 'webhook-last-delivery' ) ).toContainText(
		'test · delivered (HTTP 200)'
	);

	const tests = receiver.deliveries.filter( ( delivery ) => delivery.test );
	expect( tests, 'test deliveries received' ).toHaveLength( 1 );
	const delivery = tests[ 0 ] as Delivery;
	expect( delivery.signatureValid ).toBe( true );
	expect(
		verifySignature(
			delivery.body,
			secret,
			delivery.headers[ 'x-wc-webhook-signature' ]
		)
	).toBe( true );
	expect( delivery.path ).toBe( '/hooks' );
	expect( delivery.headers[ 'content-type' ] ).toBe( 'application/json' );
	expect( delivery.headers[ 'x-wc-webhook-topic' ] ).toBe( 'order.created' );
	expect( delivery.headers[ 'x-wc-webhook-resource' ] ).toBe( 'order' );
	expect( delivery.headers[ 'x-wc-webhook-event' ] ).toBe( 'created' );
	expect( delivery.headers[ 'x-wc-webhook-source' ] ).toBe(
		`${ shop.url.replace( /\/$/, '' ) }/`
	);
	expect( delivery.headers[ 'x-wc-webhook-id' ] ).toMatch( /^\d+$/ );
	expect( delivery.headers[ 'x-wc-webhook-delivery-id' ] ).toMatch(
		/^[0-9a-f]{32}$/
	);
	expect( delivery.headers[ 'user-agent' ] ).toBe(
		`WooCommerce/${ shop.wcVersion } Hookshot (WordPress/${ shop.wpVersion })`
	);
	// WooCommerce's REST API v3 order, as real deliveries carry it.
	const order = JSON.parse( delivery.body.toString( 'utf8' ) ) as {
		id: number;
		status: string;
		billing: { email: string };
		line_items: unknown[];
	};
	expect( order.id ).toBe( orderId );
	expect( order.status ).toBe( 'processing' );
	expect( order.billing.email ).toBe( 'e2e@example.test' );
	expect( Array.isArray( order.line_items ) ).toBe( true );
	expect( jsErrors ).toEqual( [] );
} );

test( 'Send test: a receiver answering 500 gives a 424 with the reason, shown in the page', async ( {
	page,
	jsErrors,
} ) => {
	receiver.answerDeliveriesWith( 500 );
	await openSettingsTab( page );
	const row = page.getByTestId( 'webhook-order.updated' );
	const answer = page.waitForResponse( ( response ) =>
		/webhooks(%2F|\/)\d+(%2F|\/)test/.test( response.url() )
	);
	await row.getByRole( 'button', { name: 'Send test' } ).click();
	const response = await answer;
	expect( response.status() ).toBe( 424 );
	const error = ( await response.json() ) as {
		code: string;
		message: string;
	};
	expect( error.code ).toBe( 'flashnode_webhook_test_failed' );
	expect( error.message ).toContain( 'HTTP 500' );
	await expect(
		page.getByTestId( 'notices' ).getByText( error.message )
	).toBeVisible();
	// Recorded as the webhook's last delivery: the store loads the list again after the failure too.
	await expect( row.getByTestId( 'webhook-last-delivery' ) ).toContainText(
		'HTTP 500'
	);
	await openSettingsTab( page, true );
	await expect( row.getByTestId( 'webhook-last-delivery' ) ).toContainText(
		'test · The receiver answered'
	);
	const last = receiver.deliveries[ receiver.deliveries.length - 1 ];
	expect( last?.test ).toBe( true );
	expect( last?.signatureValid ).toBe( true );
	expect( last?.headers[ 'x-wc-webhook-topic' ] ).toBe( 'order.updated' );
	expect( jsErrors ).toEqual( [] );
} );
