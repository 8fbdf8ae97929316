/**
 * The owner's side of the plugin's own order deliveries (issue "Push that never gives up"), in the browser against
 * the real shop, with the reference receiver (src/puller/receiver.ts) as the service: a refused delivery shows in
 * the connection's log with its HTTP status, "Retry now" delivers it once the receiver is back ("All delivered"),
 * and "Send to <service> again" on the order screen and as a bulk action in the orders list sends orders again
 * (a `resent` change: the feed's format says so, WooCommerce's format sends it as order.updated) — on HPOS and on
 * posts storage. The queue is driven through WP-CLI, as a shop's cron would run it. Takes the README's pictures
 * docs/screenshots/delivery-log.png and send-again.png (into artifacts/screenshots/, on HPOS). Then, in each
 * shipped language, a late connection's card, the late admin notice, Retry now's notice, the order action and the
 * bulk action's notice show none of the plugin's English.
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';

import { poFiles, readCatalog } from '../../bin/i18n/catalog.mjs';
import type { Receiver } from '../../src/puller/receiver';
import { openContexts, type Contexts } from './api-contexts';
import {
	approve,
	connections,
	disconnect,
	startService,
} from './connect-service';
import { expect, openSettingsTab, test } from './fixtures';
import {
	currentLocales,
	englishIn,
	englishPieces,
	setLocale,
	shownText,
} from './locales';
import {
	canSwitchStorage,
	currentStorage,
	rememberStorage,
	switchStorage,
	type Storage,
} from './order-storage';
import { removeMuPlugin, repoRoot, wp, wpAsync, writeMuPlugin } from './shop';
import { createSampleOrder, deleteOrders } from './support';

test.describe.configure( { mode: 'serial' } );

const SERVICE = 'QA ERP';
const ACTION_LABEL = `Send to ${ SERVICE } again`;

let contexts: Contexts;
let receiver: Receiver;
let restoreStorage: () => void = () => undefined;
const orders: number[] = [];

const disconnectAll = async () => {
	for ( const connection of await connections( contexts ) ) {
		await disconnect( contexts, connection.id );
	}
};

test.beforeAll( async () => {
	contexts = await openContexts();
	receiver = await startService();
	restoreStorage = rememberStorage();
	await disconnectAll();
} );

test.afterAll( async () => {
	try {
		await disconnectAll();
		deleteOrders( orders );
		restoreStorage();
	} finally {
		await receiver?.close();
		await contexts?.dispose();
	}
} );

/**
 * What the shop's cron does every minute, now: the deliveries tick queues a batch for each connection with a
 * change due, then Action Scheduler runs the plugin's group (asynchronously: the shop calls this process's
 * receiver meanwhile).
 */
async function driveDeliveries(): Promise< void > {
	await wpAsync(
		'eval',
		'do_action( "flashnode_connector_deliveries_tick" );'
	);
	// Every due action, not --group=flashnode-connector: WP-CLI refuses a group Action Scheduler has not stored
	// yet ("does not exist"), which a fresh shop's first delivery can meet (seen once in CI).
	await wpAsync( 'action-scheduler', 'run', '--force' );
}

interface Received {
	orderId: number | null;
	/** The feed's event (flashnode format) or WooCommerce's topic header (woocommerce format). */
	event: string | null;
	eventId: number;
	attempt: number;
}

/**
 * The plugin's deliveries the receiver accepted (answered 200, signatures valid), in arrival order.
 *
 * @param from Index in receiver.pushes to start at.
 */
function received( from: number ): Received[] {
	return receiver.pushes
		.slice( from )
		.filter( ( push ) => push.answered === 200 )
		.map( ( push ) => ( {
			orderId: push.orderId,
			event: push.change ? push.change.event : push.topic,
			eventId: push.eventId,
			attempt: push.attempt,
		} ) );
}

/**
 * Drives the queue until the receiver has taken what `check` waits for.
 *
 * @param check Passes once the deliveries arrived.
 */
async function deliverUntil( check: () => void ): Promise< void > {
	await expect( async () => {
		await driveDeliveries();
		check();
	} ).toPass( { timeout: 90_000, intervals: [ 500, 1_000, 2_000 ] } );
}

const editUrl = ( storage: Storage, id: number ) =>
	storage === 'hpos'
		? `/wp-admin/admin.php?page=wc-orders&action=edit&id=${ id }`
		: `/wp-admin/post.php?post=${ id }&action=edit`;

const listUrl = ( storage: Storage ) =>
	storage === 'hpos'
		? '/wp-admin/admin.php?page=wc-orders&orderby=id&order=desc'
		: '/wp-admin/edit.php?post_type=shop_order&orderby=ID&order=desc';

// WordPress's and WooCommerce's floating bars cut across an element screenshot.
const HIDE_FLOATING_CHROME =
	'.woocommerce-layout__header, .woocommerce-layout__footer, .woocommerce-layout__header-tasks-reminder-bar, .woocommerce-store-alerts, #wpfooter, #wpadminbar, .woocommerce-layout__notice-list { visibility: hidden !important; }';

const shot = ( name: string ) =>
	join( repoRoot, `artifacts/screenshots/${ name }.png` );

/**
 * The connection's card on the settings page, reloaded.
 *
 * @param page The browser page.
 * @param id   The connection.
 */
async function openCard( page: Page, id: string ) {
	await openSettingsTab( page );
	const card = page.getByTestId( `connection-${ id }` );
	await expect( card.getByTestId( 'deliveries' ) ).toBeVisible();
	return card;
}

const cases = [
	{ storage: 'hpos', format: 'flashnode', resent: 'resent' },
	{ storage: 'posts', format: 'woocommerce', resent: 'order.updated' },
] as const;

for ( const { storage, format, resent } of cases ) {
	test( `${ storage }, ${ format } format: a refused delivery in the log, Retry now, and Send again on the order and in the orders list`, async ( {
		page,
		jsErrors,
	} ) => {
		test.setTimeout( 360_000 );
		if ( ! canSwitchStorage() ) {
			// WooCommerce 7.8 (test:compat) cannot switch storage from WP-CLI: that shop runs the posts case only.
			test.skip(
				storage === 'hpos',
				'no `wp wc hpos` on this WooCommerce'
			);
		} else {
			switchStorage( storage );
		}
		await disconnectAll();
		const handoff = await approve( contexts, receiver, {
			name: SERVICE,
			baseUrl: receiver.url,
			webhooks: true,
			deliveryFormat: format,
		} );
		const [ connection ] = await connections( contexts );
		expect( connection.delivery_format ).toBe( format );
		expect( handoff.webhook_ids ).toHaveLength( 2 );

		// The receiver refuses: the new order's delivery fails with its HTTP status in the log.
		receiver.answerDeliveriesWith( 500 );
		const refusedFrom = receiver.pushes.length;
		const order = createSampleOrder( 'processing' );
		orders.push( order );
		await expect( async () => {
			await driveDeliveries();
			expect(
				receiver.pushes
					.slice( refusedFrom )
					.filter( ( push ) => push.answered === 500 )
			).not.toEqual( [] );
		} ).toPass( { timeout: 90_000 } );

		let card = await openCard( page, connection.id );
		// Its order webhooks are paused on purpose: the card says why.
		for ( const row of await card
			.getByTestId( 'connection-webhook' )
			.all() ) {
			await expect( row ).toHaveText( /^paused: the plugin delivers/ );
		}
		const section = card.getByTestId( 'deliveries' );
		await expect( section ).toHaveAttribute( 'data-state', 'retrying' );
		await expect( section.getByTestId( 'delivery-status' ) ).toHaveText(
			/^Retrying: (attempt 1 failed|\d+ attempts failed), next attempt at .+\.$/
		);
		await expect( section.getByTestId( 'delivery-format' ) ).toHaveText(
			format === 'flashnode'
				? "the change feed's format (the change and the order)"
				: "WooCommerce's webhook format"
		);
		await expect( section.getByTestId( 'delivery-address' ) ).toHaveText(
			`${ receiver.url }/hooks`
		);
		await expect( section.getByTestId( 'delivery-oldest' ) ).not.toHaveText(
			'none'
		);
		const newest = section.getByTestId( 'delivery-attempt' ).first();
		await expect( newest ).toHaveAttribute( 'data-ok', 'false' );
		await expect( newest.getByTestId( 'delivery-http-status' ) ).toHaveText(
			'500'
		);
		await expect( newest.getByTestId( 'delivery-error' ) ).toHaveText(
			'HTTP 500'
		);
		await expect( newest.getByRole( 'link' ) ).toHaveAttribute(
			'href',
			new RegExp(
				`${ editUrl( storage, order ).replace( /[.?]/g, '\\$&' ) }$`
			)
		);

		// The receiver is back; "Retry now" sends the waiting change without waiting for its retry time.
		receiver.answerDeliveriesWith( 200 );
		const acceptedFrom = receiver.pushes.length;
		await section.getByTestId( 'delivery-retry' ).click();
		await expect( page.getByTestId( 'notices' ) ).toContainText(
			`Retrying now: the changes waiting for ${ SERVICE } are queued for delivery.`
		);
		await deliverUntil( () =>
			expect(
				received( acceptedFrom ).filter( ( r ) => r.orderId === order )
			).not.toEqual( [] )
		);
		const [ retried ] = received( acceptedFrom );
		expect( retried.event ).toBe(
			format === 'flashnode' ? 'created' : 'order.created'
		);
		expect( retried.attempt ).toBeGreaterThan( 1 );
		card = await openCard( page, connection.id );
		await expect( card.getByTestId( 'deliveries' ) ).toHaveAttribute(
			'data-state',
			'delivered'
		);
		await expect( card.getByTestId( 'delivery-status' ) ).toHaveText(
			'All delivered.'
		);
		await expect( card.getByTestId( 'delivery-oldest' ) ).toHaveText(
			'none'
		);
		const log = card.getByTestId( 'delivery-attempt' );
		await expect( log.first() ).toHaveAttribute( 'data-ok', 'true' );
		await expect(
			log.first().getByTestId( 'delivery-http-status' )
		).toHaveText( '200' );
		// The refused attempt stays in the log below the accepted ones (the new order's later changes among them).
		const refused = log.filter( {
			has: page.locator( '[data-testid="delivery-http-status"]', {
				hasText: /^500$/,
			} ),
		} );
		await expect( refused ).not.toHaveCount( 0 );
		await expect( refused.first() ).toHaveAttribute( 'data-ok', 'false' );
		// The accepted retry of the same change says which attempt it was.
		await expect(
			log.filter( { hasText: /created \(attempt \d+\)/ } )
		).not.toHaveCount( 0 );
		if ( storage === 'hpos' ) {
			await card.screenshot( {
				path: shot( 'delivery-log' ),
				style: HIDE_FLOATING_CHROME,
			} );
		}

		// "Send to QA ERP again" on the order's screen.
		const sentFrom = receiver.pushes.length;
		await page.goto( editUrl( storage, order ) );
		const actions = page.locator( 'select[name="wc_order_action"]' );
		await actions.selectOption( { label: ACTION_LABEL } );
		if ( storage === 'hpos' ) {
			await page.locator( '#woocommerce-order-actions' ).screenshot( {
				path: shot( 'send-again' ),
				style: HIDE_FLOATING_CHROME,
			} );
		}
		await page.locator( 'button.save_order' ).click();
		await expect(
			page.locator( '#woocommerce-order-notes' )
		).toContainText( `${ ACTION_LABEL }: queued by the shop owner.` );
		await deliverUntil( () =>
			expect(
				received( sentFrom ).filter( ( r ) => r.orderId === order )
			).toContainEqual( expect.objectContaining( { event: resent } ) )
		);

		// The bulk action on two orders in the orders list.
		const second = createSampleOrder( 'processing' );
		orders.push( second );
		await deliverUntil( () =>
			expect(
				received( sentFrom ).some( ( r ) => r.orderId === second )
			).toBe( true )
		);
		const bulkFrom = receiver.pushes.length;
		await page.goto( listUrl( storage ) );
		for ( const id of [ order, second ] ) {
			await page.locator( `#cb-select-${ id }` ).check();
		}
		await page
			.locator( '#bulk-action-selector-top' )
			.selectOption( { label: ACTION_LABEL } );
		await page.locator( '#doaction' ).click();
		await expect( page.locator( '.notice.flashnode-resent p' ) ).toHaveText(
			`2 orders queued: ${ ACTION_LABEL }.`
		);
		await deliverUntil( () => {
			const again = received( bulkFrom ).filter(
				( r ) => r.event === resent
			);
			expect( again.map( ( r ) => r.orderId ).sort() ).toEqual(
				[ order, second ].sort()
			);
		} );
		// A resend is a change of its own: a new event id, never a replay of the order's earlier ones.
		const ids = received( acceptedFrom ).map( ( r ) => r.eventId );
		expect( new Set( ids ).size ).toBe( ids.length );

		card = await openCard( page, connection.id );
		await expect( card.getByTestId( 'delivery-status' ) ).toHaveText(
			'All delivered.'
		);
		expect( jsErrors ).toEqual( [] );
	} );
}

test( 'the delivery card, its late notices and Send again read in each shipped language', async ( {
	page,
	jsErrors,
} ) => {
	test.setTimeout( 300_000 );
	const original = currentLocales();
	// Late after one second instead of 15 minutes (the test-only filter the README names).
	writeMuPlugin(
		'flashnode-test-late-now',
		"add_filter( 'flashnode_connector_delivery_late_after', static function () { return 1; } );"
	);
	try {
		await disconnectAll();
		await approve( contexts, receiver, {
			name: SERVICE,
			baseUrl: receiver.url,
			webhooks: true,
		} );
		const [ connection ] = await connections( contexts );
		// Down (connections refused) for the whole test: Retry now in each language keeps failing, and the
		// connection stays late.
		await receiver.setFault( 'down' );
		const order = createSampleOrder( 'processing' );
		orders.push( order );
		await expect( async () => {
			await driveDeliveries();
			const late = wp(
				'eval',
				'echo wp_json_encode( Flashnode\\Connector\\Delivery\\Alerts::late() );'
			);
			expect( JSON.parse( late ) ).toHaveProperty( connection.id );
		} ).toPass( { timeout: 90_000 } );

		for ( const { locale, path } of poFiles( repoRoot ) ) {
			const pieces = englishPieces( readCatalog( path ).messages );
			const english = async ( text: Promise< string > ) => {
				const shown = await text;
				expect(
					englishIn( shown, pieces ),
					`${ locale }: ${ shown }`
				).toEqual( [] );
			};
			setLocale( locale, locale );
			const card = await openCard( page, connection.id );
			const section = card.getByTestId( 'deliveries' );
			await expect( section ).toHaveAttribute( 'data-late', 'true' );
			await expect(
				section.getByTestId( 'delivery-attempt' )
			).not.toHaveCount( 0 );
			await english( shownText( section ) );
			await english(
				page.locator( '.flashnode-late-deliveries' ).first().innerText()
			);
			await section.getByTestId( 'delivery-retry' ).click();
			await expect( page.getByTestId( 'notices' ) ).toContainText(
				SERVICE
			);
			await english( page.getByTestId( 'notices' ).innerText() );

			await page.goto( editUrl( currentStorage(), order ) );
			await english(
				page
					.locator(
						'select[name="wc_order_action"] option[value="flashnode_resend"]'
					)
					.innerText()
			);
			// The bulk action's notice, as the list shows it after the action.
			await page.goto(
				`${ listUrl( currentStorage() ) }&flashnode_resent=2`
			);
			await english( page.locator( '.flashnode-resent p' ).innerText() );
		}
		expect( jsErrors ).toEqual( [] );
	} finally {
		setLocale( original.site, original.user );
		removeMuPlugin( 'flashnode-test-late-now' );
		await receiver.setFault( 'healthy' );
	}
} );
