/**
 * The shop owner's own path: upload the zip in Plugins > Add New, activate, open WooCommerce > Settings >
 * Flashnode, deactivate; and what happens when WooCommerce goes away.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

import { expect, test } from './fixtures';
import { PLUGIN_FILE, WOOCOMMERCE_FILE, readShop, repoRoot, wp } from './shop';

const shop = readShop();
const zip = join( repoRoot, 'dist/flashnode-connector.zip' );
const { version } = JSON.parse(
	readFileSync( join( repoRoot, 'package.json' ), 'utf8' )
) as {
	version: string;
};
const settingsTab = '/wp-admin/admin.php?page=wc-settings&tab=flashnode';
const pluginRow = `tr[data-plugin="${ PLUGIN_FILE }"]`;

test.describe.configure( { mode: 'serial' } );

const STORED_OPTIONS = [
	'flashnode_connector_settings',
	'flashnode_connector_health_log',
	'flashnode_connector_last_readiness',
];

const optionExists = ( name: string ) => {
	try {
		wp( 'option-get', name );
		return true;
	} catch {
		return false; // wp.php exits 1 for a missing option.
	}
};

test.beforeAll( () => {
	// Start where a shop owner starts: WooCommerce active, our plugin not installed.
	wp( 'activate-plugin', WOOCOMMERCE_FILE );
	if ( wp( 'plugin-status', PLUGIN_FILE ) !== 'missing' ) {
		for ( const name of STORED_OPTIONS ) {
			wp( 'option-set', name, '{"from":"an earlier install"}' );
		}
		wp( 'delete-plugin', PLUGIN_FILE );
	}
} );

test( 'deleting the plugin removed everything it stored', () => {
	expect( wp( 'plugin-status', PLUGIN_FILE ) ).toBe( 'missing' );
	expect( STORED_OPTIONS.filter( optionExists ) ).toEqual( [] );
} );

test.afterAll( () => {
	// Leave the shop as `npm start` left it: WooCommerce and the plugin active.
	wp( 'activate-plugin', WOOCOMMERCE_FILE );
	if ( wp( 'plugin-status', PLUGIN_FILE ) === 'missing' ) {
		wp( 'install-plugin-zip', zip, '--activate' );
	} else {
		wp( 'activate-plugin', PLUGIN_FILE );
	}
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
	expect( wp( 'plugin-status', PLUGIN_FILE ) ).toBe( 'active' );
} );

test( 'shows the Flashnode tab in WooCommerce > Settings', async ( {
	page,
	jsErrors,
} ) => {
	await page.goto( settingsTab );
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
	await page.screenshot( {
		path: join( repoRoot, 'artifacts/screenshots/settings-page.png' ),
		fullPage: true,
	} );
	expect( jsErrors ).toEqual( [] );
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

	await page.goto( settingsTab );
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
	wp( 'activate-plugin', PLUGIN_FILE );
	wp( 'deactivate-plugin', WOOCOMMERCE_FILE );
	expect( wp( 'plugin-status', PLUGIN_FILE ) ).toBe( 'active' );

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
