/**
 * Security properties on the real shop:
 * - the anonymous health answer has exactly the allowed fields;
 * - a key's consumer secret (and full consumer key) and a webhook's secret appear in the one response that
 *   creates them and never again: not in any later response of any route, not in the settings page's HTML, not
 *   in any option (any plugin's, transients included), not in any of the shop's logs;
 * - every admin route needs a shop manager and a valid REST nonce: 401 without a cookie or without a nonce,
 *   403 with a bad or expired nonce, 403 for a logged-in customer with a valid nonce;
 * - stored strings are escaped on the page: a key description and a webhook name that are script tags render
 *   as text in Chromium and run nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { expect, openSettingsTab, SETTINGS_TAB, test } from './fixtures';
import {
	deleteUser,
	endSession,
	forgetClaims,
	requestId,
	restPath,
	send,
	sessionJson,
	startSession,
	type Session,
} from './raw-http';
import { optionsContaining, rawKey, rawWebhook } from './security-data';
import { readShop } from './shop';

const shop = readShop();
const NS = '/flashnode/v1';
const HEALTH = '/wc-flashnode/v1/health';
const CUSTOMER = 'flashnode-security-customer';
const HOOK_URL = 'https://127.0.0.1:9/flashnode-security-hook';
const SETTINGS_PAGE = SETTINGS_TAB;

let admin: Session;
let customer: Session;

test.beforeAll( () => {
	admin = startSession( shop.user, 'administrator' );
	customer = startSession( CUSTOMER, 'customer' );
} );

test.afterAll( () => {
	endSession( admin );
	endSession( customer );
	deleteUser( CUSTOMER );
} );

test( 'the anonymous health answer has exactly status, plugin version, time and the key hint', async () => {
	for ( const plain of [ false, true ] ) {
		const response = await send( {
			method: 'GET',
			path: restPath( HEALTH, '', plain ),
		} );
		expect( response.status ).toBe( 200 );
		const body = JSON.parse( response.body );
		expect( Object.keys( body ).sort() ).toEqual( [
			'details_require_key',
			'plugin_version',
			'status',
			'time_utc',
		] );
		expect( body ).toEqual( {
			status: 'ok',
			plugin_version: expect.stringMatching( /^\d+\.\d+\.\d+/ ),
			time_utc: expect.stringMatching(
				/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
			),
			details_require_key: true,
		} );
	}
} );

test( 'secrets appear once, in the creating response, and never again: not in responses, options, the page or logs', async () => {
	test.setTimeout( 120_000 );
	const keyRequest = requestId();
	const hookRequest = requestId();
	let keyId = 0;
	let webhookIds: number[] = [];
	try {
		const created = await sessionJson( admin, 'POST', `${ NS }/keys`, {
			request_id: keyRequest,
			permissions: 'read_write',
			description: 'Flashnode security test key',
		} );
		expect( created.status, created.body ).toBe( 201 );
		const key = created.json.key as {
			key_id: number;
			consumer_key: string;
			consumer_secret: string;
		};
		keyId = key.key_id;
		expect( key.consumer_secret ).toMatch( /^cs_[0-9a-f]{40}$/ );
		expect( key.consumer_key ).toMatch( /^ck_[0-9a-f]{40}$/ );

		const hooks = await sessionJson( admin, 'POST', `${ NS }/webhooks`, {
			request_id: hookRequest,
			delivery_url: HOOK_URL,
			topics: [ 'order.created', 'order.updated' ],
			name: 'Flashnode security test',
		} );
		expect( hooks.status, hooks.body ).toBe( 201 );
		webhookIds = hooks.json.created;
		const webhookSecret = hooks.json.secret as string;
		expect( webhookSecret.length ).toBeGreaterThanOrEqual( 32 );

		const secrets: Record< string, string > = {
			'consumer secret': key.consumer_secret,
			'consumer key': key.consumer_key,
			// Without its "ck_" prefix too, in case something stores the bare hash input.
			'consumer key (bare)': key.consumer_key.slice( 3 ),
			'webhook secret': webhookSecret,
		};
		const leaks = ( where: string, text: string ) =>
			Object.entries( secrets )
				.filter( ( [ , secret ] ) => text.includes( secret ) )
				.map( ( [ name ] ) => `${ name } in ${ where }` );

		// Use both, so every place that records use (last access, deliveries, health log) has had its chance.
		const basic =
			'Basic ' +
			Buffer.from(
				`${ key.consumer_key }:${ key.consumer_secret }`
			).toString( 'base64' );
		const found: string[] = [];
		const diagnosis = await send( {
			method: 'GET',
			path: restPath( HEALTH ),
			headers: { Authorization: basic },
		} );
		expect( diagnosis.status, diagnosis.body ).toBe( 200 );
		expect( JSON.parse( diagnosis.body ).authenticated ).toBe( true );
		found.push(
			...leaks( 'the authenticated health diagnosis', diagnosis.body )
		);
		const diagnosisPlain = await send( {
			method: 'GET',
			path: restPath( HEALTH, 'details=1', true ),
			headers: { Authorization: basic },
		} );
		expect( diagnosisPlain.status ).toBe( 200 );
		found.push(
			...leaks(
				'the health diagnosis via ?rest_route=',
				diagnosisPlain.body
			)
		);
		const ping = await sessionJson(
			admin,
			'POST',
			`${ NS }/webhooks/${ webhookIds[ 0 ] }/test`
		);
		// Nobody listens on port 9: the test delivery fails, and says so without the secret.
		expect( [ 200, 424 ] ).toContain( ping.status );
		found.push( ...leaks( 'the test delivery answer', ping.body ) );

		for ( const route of [
			'keys',
			'connection',
			'webhooks',
			'settings',
			'readiness',
		] ) {
			const read = await sessionJson(
				admin,
				'GET',
				`${ NS }/${ route }`
			);
			expect( read.status, `${ route }: ${ read.body }` ).toBe( 200 );
			found.push( ...leaks( `GET ${ route }`, read.body ) );
		}
		const anonymous = await send( {
			method: 'GET',
			path: restPath( HEALTH ),
		} );
		found.push( ...leaks( 'the anonymous health answer', anonymous.body ) );
		const page = await send( {
			method: 'GET',
			path: SETTINGS_PAGE,
			headers: { Cookie: admin.cookie, Accept: 'text/html' },
		} );
		expect( page.status ).toBe( 200 );
		expect( page.body ).toContain( 'flashnode' );
		found.push( ...leaks( 'the settings page HTML', page.body ) );

		// Every option of every plugin, autoloaded or not, transients included.
		for ( const [ name, secret ] of Object.entries( secrets ) ) {
			for ( const option of optionsContaining( secret ) ) {
				found.push( `${ name } in option ${ option }` );
			}
		}
		// Every log of the shop: PHP, WordPress's debug log, Apache's access and error logs, mail. One exception:
		// Apache's access log records the Basic Auth user name of each request (%u of the common/combined log
		// format), which for WooCommerce's API keys is the consumer key. That is the web server's doing, as for any
		// WooCommerce integration, not the plugin's; the secret never appears there.
		const basicAuthUser = new RegExp(
			`^(\\S+ \\S+ )${ key.consumer_key }( \\[)`
		);
		const logDir = dirname( shop.phpErrorLog );
		for ( const file of readdirSync( logDir ).filter( ( name ) =>
			name.endsWith( '.log' )
		) ) {
			const lines = readFileSync( join( logDir, file ) )
				.toString( 'latin1' )
				.split( '\n' )
				.map( ( line ) =>
					file === 'apache-access.log'
						? line.replace( basicAuthUser, '$1-$2' )
						: line
				);
			found.push( ...leaks( `log ${ file }`, lines.join( '\n' ) ) );
		}
		expect( found ).toEqual( [] );
		// WooCommerce keeps the webhook secret in its own table, to sign deliveries: by design, and the only copy.
	} finally {
		if ( keyId ) {
			await sessionJson( admin, 'DELETE', `${ NS }/keys/${ keyId }` );
		}
		for ( const id of webhookIds ) {
			await sessionJson( admin, 'DELETE', `${ NS }/webhooks/${ id }` );
		}
		forgetClaims( 'create_key', keyRequest );
		forgetClaims( 'register_webhooks', hookRequest );
	}
} );

/** Every admin route with a method it answers and a body that would act if it were let through. */
const ADMIN_ROUTES: Array< { method: string; route: string; body?: object } > =
	[
		{ method: 'GET', route: `${ NS }/keys` },
		{
			method: 'POST',
			route: `${ NS }/keys`,
			body: { request_id: 'securitytest01', permissions: 'read_write' },
		},
		{ method: 'DELETE', route: `${ NS }/keys/1` },
		{ method: 'GET', route: `${ NS }/connection` },
		{
			method: 'POST',
			route: `${ NS }/connection`,
			body: { request_id: 'securitytest02', callback_url: HOOK_URL },
		},
		{ method: 'GET', route: `${ NS }/webhooks` },
		{
			method: 'POST',
			route: `${ NS }/webhooks`,
			body: { request_id: 'securitytest03', delivery_url: HOOK_URL },
		},
		{ method: 'DELETE', route: `${ NS }/webhooks/1` },
		{ method: 'POST', route: `${ NS }/webhooks/1/test` },
		{ method: 'POST', route: `${ NS }/webhooks/1/enable` },
		{ method: 'GET', route: `${ NS }/settings` },
		{
			method: 'POST',
			route: `${ NS }/settings`,
			body: { api_mode: 'rest_v3' },
		},
		{ method: 'GET', route: `${ NS }/readiness` },
		{ method: 'POST', route: `${ NS }/readiness/fixes/permalinks` },
		{ method: 'POST', route: `${ NS }/readiness/fixes/legacy_api` },
		{
			method: 'POST',
			route: `${ NS }/readiness/fixes/authorization_header`,
		},
		{
			method: 'DELETE',
			route: `${ NS }/readiness/fixes/authorization_header`,
		},
	];

test( 'every admin route: 401 without a cookie or without a nonce, 403 with a bad or expired nonce, 403 for a customer', async () => {
	test.setTimeout( 120_000 );
	const variants: Array< {
		name: string;
		headers: () => Record< string, string >;
		status: number;
		code: string;
	} > = [
		{
			name: 'no cookie',
			headers: () => ( {} ),
			status: 401,
			code: 'flashnode_forbidden',
		},
		{
			// WordPress treats a cookie without the REST nonce as logged out (CSRF protection).
			name: "the shop manager's cookie without a nonce",
			headers: () => ( { Cookie: admin.cookie } ),
			status: 401,
			code: 'flashnode_forbidden',
		},
		{
			name: "the shop manager's cookie with a garbage nonce",
			headers: () => ( {
				Cookie: admin.cookie,
				'X-WP-Nonce': 'garbage',
			} ),
			status: 403,
			code: 'rest_cookie_invalid_nonce',
		},
		{
			name: "the shop manager's cookie with an expired nonce",
			headers: () => ( {
				Cookie: admin.cookie,
				'X-WP-Nonce': admin.stale_nonce,
			} ),
			status: 403,
			code: 'rest_cookie_invalid_nonce',
		},
		{
			name: "the shop manager's nonce without the cookie",
			headers: () => ( { 'X-WP-Nonce': admin.nonce } ),
			status: 403,
			code: 'rest_cookie_invalid_nonce',
		},
		{
			name: 'a customer with a valid nonce',
			headers: () => ( {
				Cookie: customer.cookie,
				'X-WP-Nonce': customer.nonce,
			} ),
			status: 403,
			code: 'flashnode_forbidden',
		},
	];
	const problems: string[] = [];
	for ( const { method, route, body } of ADMIN_ROUTES ) {
		for ( const variant of variants ) {
			const response = await send( {
				method,
				path: restPath( route ),
				headers: {
					...variant.headers(),
					...( body ? { 'Content-Type': 'application/json' } : {} ),
				},
				body: body ? JSON.stringify( body ) : undefined,
			} );
			let code = '';
			try {
				code = JSON.parse( response.body ).code;
			} catch {}
			if ( response.status !== variant.status || code !== variant.code ) {
				problems.push(
					`${ method } ${ route } with ${ variant.name }: ${ response.status } ${ code }, expected ${ variant.status } ${ variant.code }`
				);
			}
		}
	}
	expect( problems ).toEqual( [] );

	// And the shop manager with the nonce gets in (the same check lets the right person through).
	const allowed = await sessionJson( admin, 'GET', `${ NS }/settings` );
	expect( allowed.status ).toBe( 200 );
} );

test( 'a key description and a webhook name that are script tags render as text and run nothing', async ( {
	page,
	jsErrors,
} ) => {
	const payload =
		'<script>window.__xss=1</script><img src=x onerror=window.__xss=2>';
	// Through the REST route the description is sanitised on the way in (no tags are stored at all) ...
	const keyRequest = requestId();
	const viaRest = await sessionJson( admin, 'POST', `${ NS }/keys`, {
		request_id: keyRequest,
		permissions: 'read',
		description: `${ payload } via REST`,
	} );
	expect( viaRest.status, viaRest.body ).toBe( 201 );
	const restKeyId = viaRest.json.key.key_id as number;
	// ... so the page's own escaping is tested with rows stored as they are (as another tool could write them).
	const keyId = rawKey( payload );
	const webhookId = rawWebhook( payload, `${ HOOK_URL }-xss` );
	try {
		const keys = await sessionJson( admin, 'GET', `${ NS }/keys` );
		const stored = (
			keys.json.keys as Array< { key_id: number; description: string } >
		 ).find( ( item ) => item.key_id === restKeyId );
		expect( stored?.description ).not.toMatch( /[<>]/ );

		let dialogs = 0;
		page.on( 'dialog', ( dialog ) => {
			dialogs++;
			void dialog.dismiss();
		} );
		await openSettingsTab( page );
		const keysTable = page.getByTestId( 'keys-table' );
		const webhooksTable = page.getByTestId( 'webhooks-table' );
		await expect( keysTable ).toBeVisible();
		await expect( webhooksTable ).toBeVisible();
		// The literal text is shown (the webhook's cell also holds its delivery URL).
		await expect(
			keysTable.getByText( payload, { exact: true } )
		).toBeVisible();
		await expect( webhooksTable.getByText( payload ) ).toBeVisible();
		await expect( webhooksTable ).toContainText( payload );
		// Give an injected image's onerror time to fire if it had been parsed as HTML.
		await page.waitForTimeout( 500 );
		expect(
			await page.evaluate(
				() => ( window as unknown as { __xss?: number } ).__xss
			)
		).toBeUndefined();
		expect( await page.locator( 'img[src="x"]' ).count() ).toBe( 0 );
		expect( dialogs ).toBe( 0 );
		expect( jsErrors ).toEqual( [] );
	} finally {
		for ( const id of [ keyId, restKeyId ] ) {
			await sessionJson( admin, 'DELETE', `${ NS }/keys/${ id }` );
		}
		await sessionJson( admin, 'DELETE', `${ NS }/webhooks/${ webhookId }` );
		forgetClaims( 'create_key', keyRequest );
	}
} );
