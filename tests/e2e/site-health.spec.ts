/**
 * Where owners and support look: Tools > Site Health (the async tests' REST routes, the Status and Info tabs)
 * and WooCommerce > Status (the section and the copied text report), each in a passing and a failing state,
 * with the plugin tab's words. The failing state is real: "Plain" permalinks, set with WP-CLI.
 */
import type { APIRequestContext } from '@playwright/test';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { openContexts } from './api-contexts';
import { expect, test } from './fixtures';
import { readShop, removeMuPlugin, wp, writeMuPlugin } from './shop';

const shop = readShop();
const TEST_ROUTE =
	'/wp-json/flashnode/v1/readiness/site-health/flashnode-permalinks';
const PLAIN = 'Permalinks are set to "Plain".';
const PRETTY = 'Pretty permalinks are on (/%postname%/).';
// Outbound requests made while one of the plugin's Site Health routes answers (written by a mu-plugin).
const outboundLog = join(
	shop.wordpressDir,
	'wp-content/flashnode-outbound.log'
);

test.describe.configure( { mode: 'serial' } );

let bare: APIRequestContext;
let admin: APIRequestContext;
let nonce: string;

const setPermalinks = ( structure: string ) =>
	wp( 'option', 'update', 'permalink_structure', structure );

async function siteHealthTest( route = TEST_ROUTE ) {
	const response = await admin.get( route, {
		headers: { 'X-WP-Nonce': nonce },
	} );
	expect( response.status() ).toBe( 200 );
	return ( await response.json() ) as Record< string, string >;
}

test.beforeAll( async () => {
	( { admin, nonce, bare } = await openContexts() );
	writeMuPlugin(
		'flashnode-outbound-log',
		`add_filter( 'pre_http_request', static function ( $pre, $args, $url ) {
	if ( false !== strpos( (string) ( $_SERVER['REQUEST_URI'] ?? '' ), 'site-health/flashnode-' ) ) {
		file_put_contents( WP_CONTENT_DIR . '/flashnode-outbound.log', $url . "\\n", FILE_APPEND );
	}
	return $pre;
}, 1, 3 );`
	);
} );

test.afterAll( async () => {
	setPermalinks( '/%postname%/' );
	removeMuPlugin( 'flashnode-outbound-log' );
	rmSync( outboundLog, { force: true } );
	await admin.dispose();
	await bare.dispose();
} );

test( 'the async test route answers critical for Plain permalinks and good for pretty ones; anonymous callers and unknown tests are refused', async () => {
	setPermalinks( '' );
	const failing = await siteHealthTest();
	expect( failing.status ).toBe( 'critical' );
	expect( failing.label ).toBe( PLAIN );
	expect( failing.description ).toContain( 'Integrations call /wp-json/' );
	expect( failing.actions ).toContain(
		'admin.php?page=wc-settings&#038;tab=flashnode'
	);

	setPermalinks( '/%postname%/' );
	const passing = await siteHealthTest();
	expect( passing.status ).toBe( 'good' );
	expect( passing.label ).toBe( PRETTY );

	expect( ( await bare.get( TEST_ROUTE ) ).status() ).toBe( 401 );
	const unknown = await admin.get(
		'/wp-json/flashnode/v1/readiness/site-health/flashnode-nope',
		{ headers: { 'X-WP-Nonce': nonce } }
	);
	expect( unknown.status() ).toBe( 400 );
	expect( ( await unknown.json() ).code ).toBe( 'rest_invalid_param' );
} );

test( 'a fresh report answers every test without a loopback request; a stale one runs the checks', async () => {
	const fresh = await admin.get( '/wp-json/flashnode/v1/readiness', {
		params: { fresh: 'true' },
		headers: { 'X-WP-Nonce': nonce },
	} );
	expect( fresh.status() ).toBe( 200 );
	rmSync( outboundLog, { force: true } );
	for ( const id of [
		'environment',
		'permalinks',
		'https',
		'authorization-header',
		'rest-api',
		'legacy-api',
		'scheduler',
		'site-visibility',
		'order-storage',
	] ) {
		await siteHealthTest(
			`/wp-json/flashnode/v1/readiness/site-health/flashnode-${ id }`
		);
	}
	expect( existsSync( outboundLog ) ).toBe( false );

	setPermalinks( '' ); // Forgets the cached report (hooked to the option by Plugin).
	await siteHealthTest();
	expect( readFileSync( outboundLog, 'utf8' ) ).toContain( shop.url );
} );

test( 'Tools > Site Health lists the failing check as critical and the passing ones as passed; Info has the connection facts', async ( {
	page,
} ) => {
	setPermalinks( '' );
	// The page asks the plugin's own route (flashnode/v1), with the REST nonce, not one in core's namespace.
	const asked = page.waitForResponse( ( response ) =>
		decodeURIComponent( response.url() ).includes(
			'flashnode/v1/readiness/site-health/flashnode-permalinks'
		)
	);
	await page.goto( '/wp-admin/site-health.php' );
	expect( ( await asked ).status() ).toBe( 200 );
	const critical = page.locator( '#health-check-issues-critical' );
	await expect( critical.getByText( PLAIN ) ).toBeVisible( {
		timeout: 60_000,
	} );
	await expect(
		page
			.locator( '#health-check-issues-good' )
			.getByText( 'The store is live and not password-protected.' )
	).toBeAttached();
	await critical.getByRole( 'button', { name: PLAIN } ).click();
	await expect(
		critical.getByRole( 'link', {
			name: 'Open WooCommerce > Settings > Flashnode',
		} )
	).toBeVisible();

	setPermalinks( '/%postname%/' );
	await page.reload();
	await expect(
		page.locator( '#health-check-issues-good' ).getByText( PRETTY )
	).toBeAttached( { timeout: 60_000 } );
	await expect( page.getByText( PLAIN ) ).toHaveCount( 0 );

	await page.goto( '/wp-admin/site-health.php?tab=debug' );
	const section = page.locator(
		'#health-check-accordion-block-flashnode-connector'
	);
	await page
		.getByRole( 'button', { name: 'Flashnode Connector', exact: false } )
		.first()
		.click();
	await expect( section ).toContainText( 'Credential channel last seen' );
	await expect( section ).toContainText( 'Last health call with a key' );
	await expect( section ).toContainText( 'Change feed lag' );
	await expect( section ).toContainText( 'Unacknowledged orders' );
} );

test( 'WooCommerce > Status has the section, and the copied report carries it', async ( {
	page,
} ) => {
	setPermalinks( '' );
	await page.goto( '/wp-admin/admin.php?page=wc-status' );
	const table = page.locator( '#flashnode-connector-status' );
	await expect( table ).toContainText( `Needs action: ${ PLAIN }` );
	await expect( table ).toContainText( 'Transfer settings' );
	await page.locator( 'a.debug-report' ).click();
	const report = await page.locator( '#debug-report textarea' ).inputValue();
	expect( report ).toContain( '### Flashnode Connector ###' );
	expect( report ).toContain(
		`Check permalinks: ❌ Needs action: ${ PLAIN }`
	);
	expect( report ).toMatch( /^Check https: ✔ OK: /m );
	expect( report ).toMatch( /^Version: \d+\.\d+\.\d+$/m );
	expect( report ).toMatch( /^Transfer: API /m );
	expect( report ).toMatch( /^Feed Last Read: /m );
	expect( report ).toMatch( /^Feed Lag: /m );
	expect( report ).toMatch(
		/^Unacknowledged Orders: \d+ orders? in a transfer status/m
	);
} );
