/**
 * The health endpoint as the integration server meets it: real HTTPS (and plain HTTP) requests to the shop.
 */
import {
	request as playwrightRequest,
	type APIRequestContext,
} from '@playwright/test';

import { expectRefusal } from './api-contexts';
import { expect, test } from './fixtures';
import { readShop, wp } from './shop';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const HEALTH = '/wp-json/wc-flashnode/v1/health';

let api: APIRequestContext;
let key: ApiKey;

test.beforeAll( async () => {
	// A fresh context: no admin cookies, as an integration server calls.
	api = await playwrightRequest.newContext( { ignoreHTTPSErrors: true } );
	key = createApiKey( 'read_write' );
} );

test.afterAll( async () => {
	deleteApiKey( key );
	await api.dispose();
} );

test( 'anonymous: 200 with exactly status, plugin version, time and the key hint', async () => {
	const response = await api.get( shop.url + HEALTH );
	expect( response.status() ).toBe( 200 );
	const body = await response.json();
	expect( Object.keys( body ).sort() ).toEqual( [
		'details_require_key',
		'plugin_version',
		'status',
		'time_utc',
	] );
	expect( body.status ).toBe( 'ok' );
	expect( body.details_require_key ).toBe( true );
	expect( Math.abs( Date.parse( body.time_utc ) - Date.now() ) ).toBeLessThan(
		5 * 60 * 1000
	);
} );

test( 'with a key: the full diagnosis', async () => {
	const response = await api.get( shop.url + HEALTH, {
		headers: { Authorization: basicAuth( key ) },
	} );
	expect( response.status() ).toBe( 200 );
	const body = await response.json();
	expect( body.authenticated ).toBe( true );
	expect( body.versions ).toEqual( {
		plugin: body.plugin_version,
		wordpress: shop.wpVersion,
		woocommerce: shop.wcVersion,
		php: expect.stringMatching( /^\d+\.\d+\.\d+/ ),
	} );
	expect( body.order_storage ).toEqual( {
		hpos: true,
		sync: expect.any( Boolean ),
	} );
	expect( body.legacy_api ).toEqual( {
		needed: true,
		available: expect.any( Boolean ),
		enabled: expect.any( Boolean ),
		sees_orders: expect.any( Boolean ),
		pending_sync: expect.any( Number ),
	} );
	expect( body.transfer ).toEqual( {
		api_mode: 'legacy',
		order_statuses: [ 'processing' ],
	} );
	expect( body.clock.timezone ).toEqual( expect.any( String ) );
	expect( body.clock.utc_offset_seconds ).toEqual( expect.any( Number ) );
	expect( body.webhooks ).toEqual( expect.any( Array ) );
	expect( body.credentials ).toMatchObject( {
		channel: expect.stringMatching(
			/^(PHP_AUTH_USER|HTTP_AUTHORIZATION|REDIRECT_HTTP_AUTHORIZATION)$/
		),
		via: 'basic_auth',
		key: {
			key_id: key.key_id,
			truncated_key: key.consumer_key.slice( -7 ),
			permissions: 'read_write',
		},
	} );
	// Secrets never travel back.
	expect( JSON.stringify( body ) ).not.toContain( key.consumer_secret );
	expect( JSON.stringify( body ) ).not.toContain( key.consumer_key );
} );

test( 'with a key in the query string (WooCommerce allows it over HTTPS)', async () => {
	const response = await api.get( shop.url + HEALTH, {
		params: {
			consumer_key: key.consumer_key,
			consumer_secret: key.consumer_secret,
		},
	} );
	expect( response.status() ).toBe( 200 );
	expect( ( await response.json() ).credentials.via ).toBe( 'query_string' );
} );

test( 'on Plain permalinks through ?rest_route=, anonymous and with a key', async () => {
	const anonymous = await api.get( shop.url + '/', {
		params: { rest_route: '/wc-flashnode/v1/health' },
	} );
	expect( anonymous.status() ).toBe( 200 );
	const withKey = await api.get( shop.url + '/', {
		params: { rest_route: '/wc-flashnode/v1/health' },
		headers: { Authorization: basicAuth( key ) },
	} );
	expect( withKey.status() ).toBe( 200 );
	expect( ( await withKey.json() ).authenticated ).toBe( true );
} );

const refusals: Array< {
	name: string;
	url: () => string;
	headers: () => Record< string, string >;
	code: string;
	message: RegExp;
} > = [
	{
		name: 'details asked for without credentials',
		url: () => `${ shop.url }${ HEALTH }?details=1`,
		headers: () => ( {} ),
		code: 'flashnode_health_no_credentials',
		message: /No credentials arrived/,
	},
	{
		name: 'wrong secret',
		url: () => shop.url + HEALTH,
		headers: () => ( {
			Authorization: basicAuth( { ...key, consumer_secret: 'cs_wrong' } ),
		} ),
		code: 'flashnode_health_invalid_key',
		message: /Unknown API key or wrong secret/,
	},
	{
		name: 'unknown key',
		url: () => shop.url + HEALTH,
		headers: () => ( {
			Authorization: basicAuth( {
				...key,
				consumer_key: 'ck_0000000000000000000000000000000000000000',
			} ),
		} ),
		code: 'flashnode_health_invalid_key',
		message: /Unknown API key or wrong secret/,
	},
	{
		name: 'plain HTTP',
		url: () => shop.httpUrl + HEALTH,
		headers: () => ( { Authorization: basicAuth( key ) } ),
		code: 'flashnode_health_https_required',
		message: /HTTPS required for Basic Auth.*https:\/\//,
	},
	{
		name: 'plain HTTP behind a TLS proxy WordPress does not know about',
		url: () => shop.httpUrl + HEALTH,
		headers: () => ( {
			Authorization: basicAuth( key ),
			'X-Forwarded-Proto': 'https',
		} ),
		code: 'flashnode_health_https_required',
		message: /proxy in front of the shop speaks HTTPS/,
	},
];

for ( const refusal of refusals ) {
	test( `401 with a clear message: ${ refusal.name }`, async () => {
		const response = await api.get( refusal.url(), {
			headers: refusal.headers(),
		} );
		await expectRefusal( response, refusal );
	} );
}

test( '401 when the key lacks read permission', async () => {
	const writeOnly = createApiKey( 'write' );
	try {
		const response = await api.get( shop.url + HEALTH, {
			headers: { Authorization: basicAuth( writeOnly ) },
		} );
		expect( response.status() ).toBe( 401 );
		const body = await response.json();
		expect( body.code ).toBe( 'flashnode_health_key_cannot_read' );
		expect( body.message ).toMatch( /lacks read permission/ );
	} finally {
		deleteApiKey( writeOnly );
	}
} );

test( 'calls with a key land in a log of the last 50, newest first, without credentials; anonymous calls are not logged', async () => {
	const readLog = () =>
		JSON.parse(
			wp(
				'option',
				'get',
				'flashnode_connector_health_log',
				'--format=json'
			)
		) as Array< Record< string, unknown > >;
	await api.get( shop.url + HEALTH, {
		headers: { Authorization: basicAuth( key ) },
	} );
	const log = readLog();
	expect( log.length ).toBeLessThanOrEqual( 50 );
	expect( log[ 0 ] ).toMatchObject( {
		ip: '127.0.0.1',
		authenticated: true,
		status: 200,
		outcome: 'ok',
	} );
	expect( JSON.stringify( log ) ).not.toContain( key.consumer_secret );

	for ( let call = 0; call < 55; call++ ) {
		await api.get( shop.url + HEALTH, {
			headers: { Authorization: basicAuth( key ) },
		} );
	}
	const trimmed = readLog();
	expect( trimmed ).toHaveLength( 50 );

	// Anyone can call without a key (or with a made-up one): such calls write nothing, so the log stays as it
	// was (tests/e2e/footprint.spec.ts checks that they write nothing else either).
	for ( let call = 0; call < 10; call++ ) {
		await api.get( shop.url + HEALTH );
		await api.get( shop.url + HEALTH, {
			headers: {
				Authorization:
					'Basic ' +
					Buffer.from( 'ck_nope:cs_nope' ).toString( 'base64' ),
			},
		} );
	}
	expect( readLog() ).toEqual( trimmed );
} );
