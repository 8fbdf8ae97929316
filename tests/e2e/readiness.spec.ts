/**
 * Readiness checks through the admin REST routes, each in its passing and its failing state, with the
 * failing state reproduced for real on the local shop (settings, Apache/PHP-FPM, .htaccess, mu-plugins).
 */
import { type APIRequestContext } from '@playwright/test';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { get } from '../../src/puller/http';
import { READINESS, openContexts } from './api-contexts';
import type {
	CheckResult,
	ReadinessReport as Report,
} from '../../src/api/types';
import { expect, test } from './fixtures';
import {
	pluginStatus,
	readShop,
	removeMuPlugin,
	wp,
	writeMuPlugin,
	WOOCOMMERCE_FILE,
	LEGACY_API_FILE,
} from './shop';
import {
	basicAuth,
	clearOverdueDeliveries,
	createApiKey,
	createAppPassword,
	deleteApiKey,
	deleteAppPassword,
	scheduleOverdueDeliveries,
	type AppPassword,
} from './support';

const shop = readShop();

test.describe.configure( { mode: 'serial' } );

let admin: APIRequestContext;
/** No cookies: calls signed with application passwords, as WordPress prefers a session cookie when both arrive. */
let bare: APIRequestContext;
let nonce: string;
let adminPassword: AppPassword;

test.beforeAll( async () => {
	// The admin's browser session with the REST nonce the settings page sends, and one without cookies.
	( { admin, nonce, bare } = await openContexts() );
	expect( nonce ).toMatch( /^[0-9a-f]{10}$/ );
	adminPassword = createAppPassword( 'admin', 'administrator' );
} );

test.afterAll( async () => {
	deleteAppPassword( adminPassword );
	await admin.dispose();
	await bare.dispose();
} );

/**
 * A GET signed with an application password, through Node's https client. (WordPress ignored application
 * passwords sent by Playwright's request client in this stack, while curl and Node with the same headers work.)
 * @param url
 * @param password
 * @param headers
 */
async function getWithAppPassword(
	url: string,
	password: AppPassword,
	headers: Record< string, string > = {}
) {
	const response = await get( url, {
		credentials: { key: password.user, secret: password.password },
		ca: readFileSync( shop.caFile, 'utf8' ),
		headers,
	} );
	return { status: response.status, body: JSON.parse( response.body ) };
}

async function report( fresh = true ): Promise< Report > {
	const response = await admin.get( READINESS, {
		params: { fresh: String( fresh ) },
		headers: { 'X-WP-Nonce': nonce },
	} );
	expect( response.status() ).toBe( 200 );
	return ( await response.json() ) as Report;
}

async function check( id: string ): Promise< CheckResult > {
	const found = ( await report() ).results.find( ( r ) => r.id === id );
	expect( found, `check ${ id } is in the report` ).toBeDefined();
	return found as CheckResult;
}

async function applyFix( id: string, method: 'POST' | 'DELETE' = 'POST' ) {
	return admin.fetch( `${ READINESS }/fixes/${ id }`, {
		method,
		headers: { 'X-WP-Nonce': nonce },
	} );
}

test( 'admin routes: 401 without login or nonce, 403 without manage_woocommerce, 400 for bad input', async () => {
	expect( ( await bare.get( READINESS ) ).status() ).toBe( 401 );
	expect(
		( await bare.post( `${ READINESS }/fixes/permalinks` ) ).status()
	).toBe( 401 );

	// Logged-in cookies without the nonce count as anonymous (CSRF protection).
	const noNonce = await admin.get( READINESS );
	expect( noNonce.status() ).toBe( 401 );
	expect( ( await noNonce.json() ).message ).toMatch(
		/Log in to WordPress as a shop manager/
	);
	const staleNonce = await admin.get( READINESS, {
		headers: { 'X-WP-Nonce': 'deadbeef00' },
	} );
	expect( staleNonce.status() ).toBe( 403 );
	expect( ( await staleNonce.json() ).code ).toBe(
		'rest_cookie_invalid_nonce'
	);

	const subscriber = createAppPassword(
		'flashnode-e2e-subscriber',
		'subscriber'
	);
	try {
		const forbidden = await getWithAppPassword(
			shop.url + READINESS,
			subscriber
		);
		expect( forbidden.status ).toBe( 403 );
		expect( forbidden.body.message ).toMatch( /Only shop managers/ );
	} finally {
		deleteAppPassword( subscriber );
	}

	const unknownFix = await applyFix( 'drop_tables' );
	expect( unknownFix.status() ).toBe( 400 );
	expect( ( await unknownFix.json() ).code ).toBe( 'rest_invalid_param' );
	const badFresh = await admin.get( READINESS, {
		params: { fresh: 'sometimes' },
		headers: { 'X-WP-Nonce': nonce },
	} );
	expect( badFresh.status() ).toBe( 400 );
	const wrongMethod = await admin.fetch( READINESS, {
		method: 'DELETE',
		headers: { 'X-WP-Nonce': nonce },
	} );
	expect( wrongMethod.status() ).toBe( 404 );
} );

test( 'the healthy shop: every check ok except the Legacy API, report cached until asked fresh', async () => {
	const fresh = await report( true );
	const statuses = Object.fromEntries(
		fresh.results.map( ( r ) => [ r.id, r.status ] )
	);
	expect( statuses ).toEqual( {
		environment: 'ok',
		permalinks: 'ok',
		https: 'ok',
		authorization_header: 'ok',
		rest_api: 'ok',
		legacy_api: 'error',
		scheduler: 'ok',
		site_visibility: 'ok',
		order_storage: 'ok',
		change_log: 'ok',
		connections: 'ok',
		// No connected service receives deliveries on the healthy shop.
		deliveries: 'not_applicable',
	} );
	expect( fresh.status ).toBe( 'error' );
	for ( const result of fresh.results ) {
		expect( result.message.length ).toBeGreaterThan( 10 );
	}
	const orderStorage = fresh.results.find(
		( r ) => r.id === 'order_storage'
	);
	expect( orderStorage?.details ).toEqual( {
		hpos: true,
		sync: expect.any( Boolean ),
	} );

	const cached = await report( false );
	expect( cached.checked_at ).toBe( fresh.checked_at );
} );

test( 'permalinks: Plain is an error, the one-click fix sets "Post name"', async () => {
	wp( 'option', 'update', 'permalink_structure', '' );
	try {
		const failing = await check( 'permalinks' );
		expect( failing.status ).toBe( 'error' );
		expect( failing.fix_id ).toBe( 'permalinks' );

		const fixed = await applyFix( 'permalinks' );
		expect( fixed.status() ).toBe( 200 );
		expect( ( await fixed.json() ).result.status ).toBe( 'ok' );
		expect( wp( 'option', 'get', 'permalink_structure' ) ).toBe(
			'/%postname%/'
		);
		const restIndex = await admin.get( '/wp-json/wc/v3' );
		expect( restIndex.status() ).toBe( 200 );

		const again = await applyFix( 'permalinks' );
		expect( again.status() ).toBe( 409 );
		expect( ( await again.json() ).message ).toMatch( /already/ );
	} finally {
		wp( 'option', 'update', 'permalink_structure', '/%postname%/' );
	}
} );

test( 'Legacy REST API: inactive plugin activated by the fix, then off, then enabled by the fix; not needed for REST v3 only', async () => {
	const key = createApiKey( 'read_write' );
	try {
		// Installed but inactive: the fix activates the plugin and turns the API on, in one click.
		wp( 'plugin', 'deactivate', LEGACY_API_FILE );
		wp( 'option', 'update', 'woocommerce_api_enabled', 'no' );
		const inactive = await check( 'legacy_api' );
		expect( inactive.status ).toBe( 'error' );
		expect( inactive.fix_id ).toBe( 'legacy_api' );
		expect( inactive.fix ).toMatch( /WooCommerce Legacy REST API/ );
		const activated = await applyFix( 'legacy_api' );
		expect( activated.status() ).toBe( 200 );
		expect( pluginStatus( LEGACY_API_FILE ) ).toBe( 'active' );
		expect( wp( 'option', 'get', 'woocommerce_api_enabled' ) ).toBe(
			'yes'
		);

		wp( 'option', 'update', 'woocommerce_api_enabled', 'no' );
		const off = await check( 'legacy_api' );
		expect( off.status ).toBe( 'error' );
		expect( off.fix_id ).toBe( 'legacy_api' );
		const legacyOff = await bare.get( '/wc-api/v3/', {
			headers: { Authorization: basicAuth( key ) },
		} );
		expect( legacyOff.status() ).not.toBe( 200 );

		const fixed = await applyFix( 'legacy_api' );
		// On, and answering; but this shop keeps orders in HPOS without compatibility mode, so the check goes on to
		// that (tests/e2e/legacy-api-orders.spec.ts).
		const result = ( await fixed.json() ).result as CheckResult;
		expect( result.message ).not.toMatch( /is off/ );
		expect( result.fix_id ).toBe( 'order_sync' );
		const legacyOn = await bare.get( '/wc-api/v3/', {
			headers: { Authorization: basicAuth( key ) },
		} );
		expect( legacyOn.status() ).toBe( 200 );

		wp(
			'option',
			'update',
			'flashnode_connector_settings',
			JSON.stringify( { api_mode: 'rest_v3' } ),
			'--format=json'
		);
		expect( ( await check( 'legacy_api' ) ).status ).toBe(
			'not_applicable'
		);
	} finally {
		wp( 'option', 'delete', 'flashnode_connector_settings' );
		wp( 'option', 'update', 'woocommerce_api_enabled', 'no' );
		wp( 'plugin', 'deactivate', LEGACY_API_FILE );
		deleteApiKey( key );
	}
} );

test( 'HTTPS: a site address on plain HTTP is an error', async () => {
	// Changing the address changes WordPress's cookie names, so this test signs its calls with an application password.
	const call = async () => {
		const response = await getWithAppPassword(
			`${ shop.url }${ READINESS }?fresh=true`,
			adminPassword
		);
		expect( response.status ).toBe( 200 );
		return ( response.body as Report ).results.find(
			( r ) => r.id === 'https'
		) as CheckResult;
	};
	expect( ( await call() ).status ).toBe( 'ok' );
	wp( 'option', 'update', 'home', shop.httpUrl );
	wp( 'option', 'update', 'siteurl', shop.httpUrl );
	try {
		const failing = await call();
		expect( failing.status ).toBe( 'error' );
		expect( failing.message ).toContain( `not HTTPS (${ shop.httpUrl }/)` );
	} finally {
		wp( 'option', 'update', 'home', shop.url );
		wp( 'option', 'update', 'siteurl', shop.url );
	}
} );

test( 'HTTPS: a TLS proxy WordPress does not know about (X-Forwarded-Proto without TLS)', async () => {
	const response = await getWithAppPassword(
		`${ shop.httpUrl }${ READINESS }?fresh=true`,
		adminPassword,
		{ 'X-Forwarded-Proto': 'https' }
	);
	expect( response.status ).toBe( 200 );
	const https = ( response.body as Report ).results.find(
		( r ) => r.id === 'https'
	) as CheckResult;
	expect( https.status ).toBe( 'error' );
	expect( https.message ).toMatch( /proxy/ );
	expect( https.fix ).toContain( "$_SERVER['HTTPS'] = 'on'" );
} );

test( 'scheduler: overdue webhook deliveries with WP-Cron disabled', async () => {
	writeMuPlugin(
		'flashnode-e2e-cron-off',
		"define( 'DISABLE_WP_CRON', true );"
	);
	try {
		scheduleOverdueDeliveries( 5 );
		const failing = await check( 'scheduler' );
		expect( failing.status ).toBe( 'error' );
		expect( failing.details?.wp_cron_disabled ).toBe( true );
		// Counted as they are: an Action Scheduler queue runner already at work (started by an earlier request of
		// the suite, before WP-Cron was off) may have run some of them meanwhile (seen once: 1 of 2 left).
		expect(
			Number( failing.details?.overdue_deliveries )
		).toBeGreaterThanOrEqual( 1 );
		expect(
			Number( failing.details?.overdue_deliveries )
		).toBeLessThanOrEqual( 5 );
		expect( failing.fix ).toMatch( /cron job/ );
	} finally {
		removeMuPlugin( 'flashnode-e2e-cron-off' );
		clearOverdueDeliveries();
	}
	expect( ( await check( 'scheduler' ) ).status ).toBe( 'ok' );
} );

test( 'site visibility: "coming soon" is a warning, a server password an error', async () => {
	wp( 'option', 'update', 'woocommerce_coming_soon', 'yes' );
	try {
		expect( ( await check( 'site_visibility' ) ).status ).toBe( 'warning' );
	} finally {
		wp( 'option', 'update', 'woocommerce_coming_soon', 'no' );
	}

	// A staging-style server password in front of admin-ajax.php, where the shop's probe lands.
	const protectedDir = join( shop.wordpressDir, 'wp-admin/.htaccess' );
	const passwords = join( shop.wordpressDir, '../flashnode-e2e.htpasswd' );
	writeFileSync(
		passwords,
		'staging:$apr1$rVnS3tJ4$2yH2o6W2bU8H6cB1J8lGj/\n'
	);
	writeFileSync(
		protectedDir,
		`<Files "admin-ajax.php">\nAuthType Basic\nAuthName "Staging"\nAuthUserFile "${ passwords }"\nRequire valid-user\n</Files>\n`
	);
	try {
		const guarded = await check( 'site_visibility' );
		expect( guarded.status ).toBe( 'error' );
		expect( guarded.message ).toMatch( /asks for a password/ );
	} finally {
		rmSync( protectedDir, { force: true } );
		rmSync( passwords, { force: true } );
	}
	expect( ( await check( 'site_visibility' ) ).status ).toBe( 'ok' );
} );

test( 'REST API: blocked for visitors by a security plugin', async () => {
	writeMuPlugin(
		'flashnode-e2e-rest-blocker',
		"add_filter( 'rest_authentication_errors', function ( $result ) { return is_user_logged_in() ? $result : new WP_Error( 'rest_login_required', 'REST API restricted to logged-in users.', array( 'status' => 401 ) ); }, 99 );"
	);
	try {
		const blocked = await check( 'rest_api' );
		expect( blocked.status ).toBe( 'error' );
		expect( blocked.message ).toContain( 'HTTP 401, rest_login_required' );
	} finally {
		removeMuPlugin( 'flashnode-e2e-rest-blocker' );
	}
	expect( ( await check( 'rest_api' ) ).status ).toBe( 'ok' );
} );

test( 'environment: the versions reported match the shop', async () => {
	const environment = await check( 'environment' );
	expect( environment.status ).toBe( 'ok' );
	expect( environment.details ).toMatchObject( {
		wordpress_version: shop.wpVersion,
		woocommerce_version: shop.wcVersion,
	} );
	expect( pluginStatus( WOOCOMMERCE_FILE ) ).toBe( 'active' );
} );
