/**
 * The shop owner's own path: upload the zip in Plugins > Add New, activate, open WooCommerce > Settings >
 * Flashnode, fix what the checklist flags, create a key, connect to the integration service, register webhooks
 * and see a signed delivery arrive, approve two services through their links and see both in the Connections
 * panel, revoke; deactivate; and what happens when WooCommerce goes away.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

import { get } from '../../src/puller/http';
import {
	HANDOFF_FIELDS,
	SERVICE_FACTS,
	startReceiver,
	verifySignature,
	type Receiver,
} from '../../src/puller/receiver';
import { approvalUrl } from '../../src/puller/service-page';
import { expect, openSettingsTab, test } from './fixtures';
import {
	PLUGIN_FILE,
	WOOCOMMERCE_FILE,
	deletePlugin,
	pluginStatus,
	readShop,
	repoRoot,
	runDueJobs,
	shopDir,
	wp,
} from './shop';
import { createSampleOrder } from './support';

const shop = readShop();
const zip = join( repoRoot, 'dist/flashnode-connector.zip' );
const { version } = JSON.parse(
	readFileSync( join( repoRoot, 'package.json' ), 'utf8' )
) as {
	version: string;
};
const pluginRow = `tr[data-plugin="${ PLUGIN_FILE }"]`;
const tls = join( shopDir, 'tls' );
const shopCa = readFileSync( shop.caFile, 'utf8' );
/** The integration service's side, played by the reference receiver (src/puller/receiver.ts). */
let receiver: Receiver;
let manualKey: { consumer_key: string; consumer_secret: string };
let webhookSecret = '';

test.describe.configure( { mode: 'serial' } );

const STORED_OPTIONS = [
	'flashnode_connector_settings',
	'flashnode_connector_health_log',
	'flashnode_connector_last_readiness',
];

const optionExists = ( name: string ) => {
	try {
		wp( 'option', 'get', name );
		return true;
	} catch {
		return false; // WP-CLI exits 1 for a missing option.
	}
};

test.beforeAll( async () => {
	// Start where a shop owner starts: WooCommerce active, our plugin not installed, permalinks "Plain".
	wp( 'plugin', 'activate', WOOCOMMERCE_FILE );
	wp( 'option', 'update', 'permalink_structure', '' );
	receiver = await startReceiver( {
		cert: readFileSync( join( tls, 'server.pem' ), 'utf8' ),
		key: readFileSync( join( tls, 'server-key.pem' ), 'utf8' ),
	} );
	if ( pluginStatus( PLUGIN_FILE ) !== 'missing' ) {
		for ( const name of STORED_OPTIONS ) {
			wp(
				'option',
				'update',
				name,
				'{"from":"an earlier install"}',
				'--format=json'
			);
		}
		await deletePlugin( PLUGIN_FILE );
	}
} );

test( 'deleting the plugin removed everything it stored', () => {
	expect( pluginStatus( PLUGIN_FILE ) ).toBe( 'missing' );
	expect( STORED_OPTIONS.filter( optionExists ) ).toEqual( [] );
} );

test.afterAll( async () => {
	// Leave the shop as `npm start` left it: WooCommerce and the plugin active, pretty permalinks, and no key
	// or webhook of this run (a webhook would point at the closed receiver).
	await receiver?.close();
	wp( 'option', 'update', 'permalink_structure', '/%postname%/' );
	wp( 'plugin', 'activate', WOOCOMMERCE_FILE );
	if ( pluginStatus( PLUGIN_FILE ) === 'missing' ) {
		wp( 'plugin', 'install', zip, '--force', '--activate' );
	} else {
		wp( 'plugin', 'activate', PLUGIN_FILE );
	}
	wp( 'eval-file', join( __dirname, 'support/connection.php' ), 'cleanup' );
} );

test( 'uploads the zip in Plugins > Add New and activates it', async ( {
	page,
} ) => {
	await page.goto( '/wp-admin/plugin-install.php?tab=upload' );
	await page.setInputFiles( '#pluginzip', zip );
	await page.click( '#install-plugin-submit' );
	await expect(
		page.getByText( 'Plugin installed successfully.' )
	).toBeVisible();

	await page.getByRole( 'link', { name: 'Activate Plugin' } ).click();
	await expect( page.locator( '#message' ) ).toContainText(
		'Plugin activated.'
	);
	await expect( page.locator( `${ pluginRow }.active` ) ).toBeVisible();
	expect( pluginStatus( PLUGIN_FILE ) ).toBe( 'active' );
} );

test( 'shows the Flashnode tab in WooCommerce > Settings', async ( {
	page,
	jsErrors,
} ) => {
	await openSettingsTab( page );
	await expect( page.locator( 'a.nav-tab-active' ) ).toHaveText(
		'Flashnode'
	);
	await expect(
		page.getByRole( 'heading', { name: 'Flashnode Connector', level: 2 } )
	).toBeVisible();
	await expect( page.getByTestId( 'plugin-version' ) ).toHaveText( version );
	await expect( page.getByTestId( 'wc-version' ) ).toHaveText(
		shop.wcVersion
	);
	// The page saves through its own REST calls; WooCommerce's form button would save nothing.
	await expect( page.locator( '.woocommerce-save-button' ) ).toHaveCount( 0 );
	// The README's picture shows the checklist, not its spinner: the first report runs every check.
	await expect( page.getByTestId( 'check-permalinks' ) ).toBeVisible( {
		timeout: 60_000,
	} );
	await page.screenshot( {
		path: join( repoRoot, 'artifacts/screenshots/settings-page.png' ),
		fullPage: true,
		// WooCommerce's one-pixel fixed footer would cut across a full-page picture; its setup banner is noise.
		style: '.woocommerce-layout__footer, .woocommerce-layout__header-tasks-reminder-bar { display: none !important; }',
	} );
	expect( jsErrors ).toEqual( [] );
} );

// ---------------------------------------------------------------------------------------------------------
// The connection path, as the owner walks it in the page: fix readiness, create a key, hand one over to the
// integration service, register webhooks, see a signed delivery arrive, revoke. The reference receiver
// (src/puller/receiver.ts) plays the service on 127.0.0.1 with the shop's own certificate.
// ---------------------------------------------------------------------------------------------------------

const ordersWith = async ( key: string, secret: string ) =>
	(
		await get( `${ shop.url }/wp-json/wc/v3/orders?per_page=1`, {
			credentials: { key, secret },
			ca: shopCa,
		} )
	).status;

// WooCommerce's sticky header, its setup banner and WordPress's footer float over a tall panel in an element
// screenshot; the README shows the panel alone.
const HIDE_FLOATING_CHROME =
	'.woocommerce-layout__header, .woocommerce-layout__footer, .woocommerce-layout__header-tasks-reminder-bar, .woocommerce-store-alerts, #wpfooter, #wpadminbar, .woocommerce-layout__notice-list { visibility: hidden !important; }';

const panelShot = async ( page: Page, testId: string ) => {
	await page.getByTestId( testId ).screenshot( {
		path: join( repoRoot, `artifacts/screenshots/${ testId }.png` ),
		style: HIDE_FLOATING_CHROME,
		// Even a test shop's secrets do not go into the README.
		mask: [ page.locator( '.flashnode-connector__secret input' ) ],
		maskColor: '#dcdcde',
	} );
};

test( 'the checklist flags Plain permalinks and fixes them after confirmation', async ( {
	page,
	jsErrors,
} ) => {
	await openSettingsTab( page );
	const permalinks = page.getByTestId( 'check-permalinks' );
	// A fresh report runs every check, loopback requests included: slower than the default expect timeout.
	await expect( permalinks ).toHaveAttribute( 'data-status', 'error', {
		timeout: 60_000,
	} );
	await expect( permalinks ).toContainText( 'Plain' );

	await page.getByTestId( 'fix-permalinks' ).click();
	await expect( page.getByRole( 'dialog' ) ).toBeVisible();
	await page.getByRole( 'button', { name: 'Apply the fix' } ).click();

	await expect( permalinks ).toHaveAttribute( 'data-status', 'ok', {
		timeout: 60_000,
	} );
	expect( wp( 'option', 'get', 'permalink_structure' ) ).toBe(
		'/%postname%/'
	);
	await panelShot( page, 'readiness-panel' );
	expect( jsErrors ).toEqual( [] );
} );

test( 'creates a key that WooCommerce’s REST API accepts, and shows its secret only once', async ( {
	page,
} ) => {
	await openSettingsTab( page );
	await page.getByTestId( 'create-key' ).click();
	manualKey = {
		consumer_key: await page.getByTestId( 'new-consumer-key' ).inputValue(),
		consumer_secret: await page
			.getByTestId( 'new-consumer-secret' )
			.inputValue(),
	};
	expect( manualKey.consumer_key ).toMatch( /^ck_[0-9a-f]{40}$/ );
	expect( manualKey.consumer_secret ).toMatch( /^cs_[0-9a-f]{40}$/ );
	const row = page
		.getByTestId( 'keys-table' )
		.locator( 'tr', { hasText: manualKey.consumer_key.slice( -7 ) } );
	await expect( row ).toContainText( 'Read/Write' );
	await expect( row ).toContainText( 'Flashnode' );
	await panelShot( page, 'keys-panel' );

	expect(
		await ordersWith( manualKey.consumer_key, manualKey.consumer_secret )
	).toBe( 200 );

	await openSettingsTab( page, true );
	await expect( row ).toBeVisible();
	const html = await page.content();
	expect( html ).not.toContain( manualKey.consumer_secret );
	expect( html ).not.toContain( manualKey.consumer_key );
} );

test( 'connects: the service receives a working key; a service that refuses is left with none', async ( {
	page,
} ) => {
	await openSettingsTab( page );
	const keyRows = page.getByTestId( 'keys-table' ).locator( 'tbody tr' );
	await expect( keyRows ).toHaveCount( 1 );
	const connect = async ( code: string ) => {
		await page
			.getByTestId( 'connection-url' )
			.fill( `${ receiver.url }/handoff/${ code }` );
		await page.getByRole( 'button', { name: 'Connect' } ).click();
	};

	receiver.answerHandoffsWith( 500 );
	await connect( 'refused-code' );
	await expect( page.getByTestId( 'notices' ) ).toContainText( 'HTTP 500' );
	expect( receiver.handoffs ).toHaveLength( 1 );
	const refused = receiver.handoffs[ 0 ];
	expect(
		await ordersWith( refused.consumer_key, refused.consumer_secret )
	).toBe( 401 );
	await openSettingsTab( page, true );
	await expect( keyRows ).toHaveCount( 1 );

	receiver.answerHandoffsWith( 200 );
	await connect( 'one-time-code' );
	await expect( page.getByTestId( 'notices' ) ).toContainText(
		'Connected: 127.0.0.1 received the API key ending in'
	);
	await expect( page.getByTestId( 'notices' ) ).toContainText(
		'of its own user flashnode-127-0-0-1.'
	);
	expect( receiver.handoffs ).toHaveLength( 2 );
	const accepted = receiver.handoffs[ 1 ];
	expect( Object.keys( accepted ).sort() ).toEqual(
		[ ...HANDOFF_FIELDS ].sort()
	);
	expect( accepted ).toMatchObject( {
		site_url: shop.url,
		key_permissions: 'read_write',
		// The pasted address: the default scopes, for the service's own user.
		scopes: [ 'orders:read', 'orders:write', 'products:read' ],
		plugin_version: version,
	} );
	expect(
		wp( 'user', 'get', String( accepted.user_id ), '--field=user_login' )
	).toBe( 'flashnode-127-0-0-1' );
	expect(
		await ordersWith( accepted.consumer_key, accepted.consumer_secret )
	).toBe( 200 );
	await expect( keyRows ).toHaveCount( 2 );

	// What the service said about itself, for owners behind a firewall.
	const card = page.getByTestId( 'connection-127-0-0-1' );
	await expect( card.getByTestId( 'connection-service' ) ).toHaveText(
		'127.0.0.1 (127.0.0.1)'
	);
	await expect( card.getByTestId( 'polling-interval' ) ).toContainText(
		String( SERVICE_FACTS.polling_interval_minutes )
	);
	for ( const address of SERVICE_FACTS.ip_addresses ) {
		await expect( card.getByTestId( 'service-addresses' ) ).toContainText(
			address
		);
	}
	await panelShot( page, 'connect-panel' );
} );

test( 'registers webhooks; a new order reaches the service with a valid signature', async ( {
	page,
} ) => {
	await openSettingsTab( page );
	await page.getByTestId( 'delivery-url' ).fill( `${ receiver.url }/hooks` );
	await page.getByRole( 'button', { name: 'Register webhooks' } ).click();
	webhookSecret = await page.getByTestId( 'webhook-secret' ).inputValue();
	expect( webhookSecret.length ).toBeGreaterThanOrEqual( 32 );
	for ( const topic of [ 'order.created', 'order.updated' ] ) {
		await expect(
			page
				.getByTestId( `webhook-${ topic }` )
				.getByTestId( 'webhook-status' )
		).toHaveText( 'Active' );
	}

	const orderId = createSampleOrder( 'processing' );
	// Asynchronously: the delivery comes back into this process, whose receiver must be free to answer it.
	await runDueJobs();
	const created = receiver.deliveries.find(
		( delivery ) =>
			delivery.headers[ 'x-wc-webhook-topic' ] === 'order.created' &&
			delivery.headers[ 'x-wc-webhook-resource' ] === 'order'
	);
	expect( created, 'an order.created delivery' ).toBeDefined();
	const delivery = created as ( typeof receiver.deliveries )[ number ];
	expect(
		( JSON.parse( delivery.body.toString( 'utf8' ) ) as { id: number } ).id
	).toBe( orderId );
	expect(
		verifySignature(
			delivery.body,
			webhookSecret,
			delivery.headers[ 'x-wc-webhook-signature' ]
		)
	).toBe( true );
	expect(
		verifySignature(
			delivery.body,
			'not-the-secret',
			delivery.headers[ 'x-wc-webhook-signature' ]
		)
	).toBe( false );

	// The page shows the delivery, and never the secret again.
	await openSettingsTab( page, true );
	await expect(
		page
			.getByTestId( 'webhook-order.created' )
			.getByTestId( 'webhook-last-delivery' )
	).toContainText( 'delivered (HTTP 200)' );
	expect( await page.content() ).not.toContain( webhookSecret );
	await panelShot( page, 'webhooks-panel' );
	wp(
		'eval-file',
		join( repoRoot, 'tests/e2e/support/orders.php' ),
		'delete',
		String( orderId )
	);
} );

test( 'approves two services through their links; the Connections panel shows each with its own user and rights', async ( {
	page,
	jsErrors,
} ) => {
	/**
	 * Follows a service's approval link (the reference receiver plays both services: one on 127.0.0.1, one on
	 * localhost, two callback hosts), unticks some rights, approves.
	 *
	 * @param serviceUrl The service's base URL.
	 * @param name       Its name on the screen.
	 * @param untick     Labels of the scopes to untick.
	 */
	const approve = async (
		serviceUrl: string,
		name: string,
		untick: string[]
	) => {
		const link = new URL( approvalUrl( shop.url, serviceUrl, 'owner' ) );
		link.searchParams.set( 'service_name', name );
		await page.goto( link.toString() );
		await expect( page.getByTestId( 'approval-screen' ) ).toContainText(
			`Connect ${ name } to this shop?`
		);
		for ( const label of untick ) {
			await page
				.getByTestId( 'approval-scopes' )
				.getByLabel( label )
				.uncheck();
		}
		return page.getByRole( 'button', { name: 'Approve' } );
	};
	const approved = async () => {
		await expect( page.locator( '#outcome' ) ).toHaveText(
			`Connected to ${ shop.url }.`
		);
		return receiver.handoffs[ receiver.handoffs.length - 1 ];
	};

	// 127.0.0.1 is connected already (the pasted address): its own link says approving replaces that.
	const reference = await approve( receiver.url, 'Reference service', [] );
	await expect( page.getByTestId( 'approval-replaces' ) ).toContainText(
		'127.0.0.1 is already connected since'
	);
	await reference.click();
	const referenceHandoff = await approved();
	const invoicing = await approve(
		receiver.url.replace( '127.0.0.1', 'localhost' ),
		'Invoicing app',
		[ 'Update orders' ]
	);
	await expect( page.getByTestId( 'approval-replaces' ) ).toHaveCount( 0 );
	await invoicing.click();
	const invoicingHandoff = await approved();
	expect( invoicingHandoff ).toMatchObject( {
		key_permissions: 'read',
		scopes: [ 'orders:read', 'products:read' ],
	} );
	expect( invoicingHandoff.user_id ).not.toBe( referenceHandoff.user_id );
	// One feed read, so the panel has one to show.
	const feed = await get(
		`${ shop.url }/wp-json/wc-flashnode/v1/changes?after=0&limit=1`,
		{
			credentials: {
				key: referenceHandoff.consumer_key,
				secret: referenceHandoff.consumer_secret,
			},
			ca: shopCa,
		}
	);
	expect( feed.status ).toBe( 200 );

	await openSettingsTab( page );
	const panel = page.getByTestId( 'connections-panel' );
	await expect( panel.getByTestId( 'connection-service' ) ).toHaveText( [
		'Invoicing app (localhost)',
		'Reference service (127.0.0.1)',
	] );
	const invoicingCard = panel.getByTestId( 'connection-localhost' );
	await expect( invoicingCard.getByTestId( 'connection-user' ) ).toHaveText(
		'flashnode-invoicing-app'
	);
	await expect( invoicingCard.getByTestId( 'connection-scopes' ) ).toHaveText(
		'Read orders, Read products'
	);
	const referenceCard = panel.getByTestId( 'connection-127-0-0-1' );
	// Approving again kept the service's user.
	await expect( referenceCard.getByTestId( 'connection-user' ) ).toHaveText(
		'flashnode-127-0-0-1'
	);
	await expect( referenceCard.getByTestId( 'connection-scopes' ) ).toHaveText(
		'Read orders, Update orders, Read products'
	);
	await expect(
		referenceCard.getByTestId( 'connection-feed' )
	).not.toHaveText( 'never' );
	await expect(
		referenceCard.getByTestId( 'connection-webhook' )
	).toHaveCount( 2 );
	await expect( panel.getByTestId( 'connection-too-broad' ) ).toHaveCount(
		0
	);
	await expect( panel.getByTestId( 'connection-history' ) ).toContainText(
		'approved again Reference service'
	);
	await panelShot( page, 'connections-panel' );
	expect( jsErrors ).toEqual( [] );
} );

test( 'stores the order-status choice', async ( { page } ) => {
	await openSettingsTab( page );
	const panel = page.getByTestId( 'settings-panel' );
	await panel.getByLabel( 'Completed', { exact: true } ).check();
	await page.getByTestId( 'save-settings' ).click();
	await expect( page.getByTestId( 'notices' ) ).toContainText(
		'Settings saved.'
	);
	await openSettingsTab( page, true );
	await expect(
		panel.getByLabel( 'Completed', { exact: true } )
	).toBeChecked();
	await panelShot( page, 'settings-panel' );
	await panel.getByLabel( 'Completed', { exact: true } ).uncheck();
	await page.getByTestId( 'save-settings' ).click();
	await expect( page.getByTestId( 'notices' ) ).toContainText(
		'Settings saved.'
	);
} );

test( 'revoking a key in the page locks it out at once', async ( { page } ) => {
	await openSettingsTab( page );
	const row = page
		.getByTestId( 'keys-table' )
		.locator( 'tr', { hasText: manualKey.consumer_key.slice( -7 ) } );
	await row.getByRole( 'button', { name: 'Revoke' } ).click();
	await page.getByRole( 'button', { name: 'Revoke key' } ).click();
	await expect( row ).toHaveCount( 0 );
	expect(
		await ordersWith( manualKey.consumer_key, manualKey.consumer_secret )
	).toBe( 401 );
} );

test( 'loads its script on its own tab only', async ( { page } ) => {
	const ours = ( url: string ) =>
		url.includes( '/plugins/flashnode-connector/' );
	const loaded: string[] = [];
	page.on( 'request', ( request ) => {
		if ( ours( request.url() ) ) {
			loaded.push( request.url() );
		}
	} );
	await page.goto( '/wp-admin/admin.php?page=wc-settings&tab=general' );
	await page.goto( '/wp-admin/plugins.php' );
	await page.goto( '/' );
	expect( loaded ).toEqual( [] );

	await openSettingsTab( page );
	expect( loaded.some( ( url ) => url.includes( 'build/index.js' ) ) ).toBe(
		true
	);
} );

test( 'deactivates cleanly from the Plugins screen', async ( { page } ) => {
	await page.goto( '/wp-admin/plugins.php' );
	await page.locator( `${ pluginRow } .deactivate a` ).click();
	await expect( page.locator( '#message' ) ).toContainText(
		'Plugin deactivated.'
	);
	await expect( page.locator( `${ pluginRow }.inactive` ) ).toBeVisible();

	await page.goto( '/wp-admin/admin.php?page=wc-settings' );
	await expect(
		page.locator( 'a.nav-tab', { hasText: 'Flashnode' } )
	).toHaveCount( 0 );
} );

test( 'explains itself and stays harmless without WooCommerce', async ( {
	page,
} ) => {
	wp( 'plugin', 'activate', PLUGIN_FILE );
	wp( 'plugin', 'deactivate', WOOCOMMERCE_FILE );
	expect( pluginStatus( PLUGIN_FILE ) ).toBe( 'active' );

	const response = await page.goto( '/wp-admin/plugins.php' );
	expect( response?.status() ).toBe( 200 );
	await expect(
		page.locator( '.notice-error', {
			hasText: 'Flashnode Connector needs WooCommerce.',
		} )
	).toBeVisible();
	await expect( page.getByText( 'critical error' ) ).toHaveCount( 0 );

	const storefront = await page.goto( '/' );
	expect( storefront?.status() ).toBe( 200 );
	await expect( page.getByText( 'critical error' ) ).toHaveCount( 0 );
} );
