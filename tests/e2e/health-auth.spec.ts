/**
 * How the health endpoint authenticates, as WooCommerce does on its own routes: OAuth 1.0a signatures (the one
 * way over plain HTTP), keys sent in clear over HTTP (ignored, with an answer that says so), and refusals that do
 * not depend on the language of WooCommerce's messages. Real requests to the shop's HTTP and HTTPS ports.
 */
import { type APIRequestContext, type APIResponse } from '@playwright/test';

import { expectRefusal, serverContext } from './api-contexts';
import { expect, test } from './fixtures';
import { oauth1, oauthHeader } from './oauth1';
import { readShop, removeMuPlugin, wp, writeMuPlugin } from './shop';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const HEALTH = '/wp-json/wc-flashnode/v1/health';
/**
 * What WooCommerce signs for a request that arrives over plain HTTP: get_home_url() with the request's scheme.
 * The home URL is https://127.0.0.1:<HTTPS port>, so this is http:// with the HTTPS port — not the address the
 * request went to (shop.httpUrl, the HTTP port).
 */
const SIGNED_OVER_HTTP = shop.url.replace( /^https:/, 'http:' ) + HEALTH;

let api: APIRequestContext;
let key: ApiKey;

test.beforeAll( async () => {
	api = await serverContext();
	key = createApiKey( 'read_write' );
} );

test.afterAll( async () => {
	deleteApiKey( key );
	await api.dispose();
} );

/**
 * A GET of the health endpoint signed with OAuth 1.0a, the parameters in the query string.
 * @param base      Where the request goes (shop.httpUrl or shop.url).
 * @param signedUrl The URL in the signature base string.
 * @param signer    The key to sign with.
 */
function signedGet( base: string, signedUrl: string, signer: ApiKey = key ) {
	const params = { details: '1' };
	const oauth = oauth1( signer, { method: 'GET', signedUrl, params } );
	return api.get( base + HEALTH, { params: { ...params, ...oauth } } );
}

test( 'OAuth 1.0a over plain HTTP: 200 with the full diagnosis, via oauth1', async () => {
	const response = await signedGet( shop.httpUrl, SIGNED_OVER_HTTP );
	expect( response.status(), await response.text() ).toBe( 200 );
	const body = await response.json();
	expect( body.authenticated ).toBe( true );
	expect( body.credentials ).toMatchObject( {
		via: 'oauth1',
		key: { key_id: key.key_id, permissions: 'read_write' },
	} );
	expect( JSON.stringify( body ) ).not.toContain( key.consumer_secret );
} );

test( 'OAuth 1.0a over plain HTTP in an Authorization: OAuth header, HMAC-SHA1', async () => {
	const oauth = oauth1( key, {
		method: 'GET',
		signedUrl: SIGNED_OVER_HTTP,
		algorithm: 'HMAC-SHA1',
	} );
	const response = await api.get( shop.httpUrl + HEALTH, {
		headers: { Authorization: oauthHeader( oauth ) },
	} );
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( ( await response.json() ).credentials.via ).toBe( 'oauth1' );
} );

test( 'OAuth 1.0a over HTTPS works too', async () => {
	const response = await signedGet( shop.url, shop.url + HEALTH );
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( ( await response.json() ).credentials.via ).toBe( 'oauth1' );
} );

test( 'a replayed OAuth request is refused (WooCommerce keeps used nonces)', async () => {
	const params = { details: '1' };
	const oauth = oauth1( key, {
		method: 'GET',
		signedUrl: SIGNED_OVER_HTTP,
		params,
	} );
	const first = await api.get( shop.httpUrl + HEALTH, {
		params: { ...params, ...oauth },
	} );
	expect( first.status() ).toBe( 200 );
	const replay = await api.get( shop.httpUrl + HEALTH, {
		params: { ...params, ...oauth },
	} );
	expect( replay.status() ).toBe( 401 );
	expect( ( await replay.json() ).code ).toBe(
		'flashnode_health_invalid_key'
	);
} );

const refusals: Array< {
	name: string;
	send: () => Promise< APIResponse >;
	code: string;
	message: RegExp;
} > = [
	{
		name: 'OAuth signed with the wrong secret',
		send: () =>
			signedGet( shop.httpUrl, SIGNED_OVER_HTTP, {
				...key,
				consumer_secret: 'cs_wrong',
			} ),
		code: 'flashnode_health_invalid_key',
		message: /OAuth 1\.0a signature was refused/,
	},
	{
		name: 'OAuth with an unknown key (same answer as a wrong signature)',
		send: () =>
			signedGet( shop.httpUrl, SIGNED_OVER_HTTP, {
				...key,
				consumer_key: 'ck_0000000000000000000000000000000000000000',
			} ),
		code: 'flashnode_health_invalid_key',
		message: /OAuth 1\.0a signature was refused/,
	},
	{
		// The usual mistake: signing the address the request went to. The answer names the one WooCommerce signs.
		name: 'OAuth signed with the requested HTTP address',
		send: () => signedGet( shop.httpUrl, shop.httpUrl + HEALTH ),
		code: 'flashnode_health_invalid_key',
		message: new RegExp(
			`WooCommerce signs ${ SIGNED_OVER_HTTP.replace(
				/[.*+?^${}()|[\]\\]/g,
				'\\$&'
			) } `
		),
	},
	{
		name: 'OAuth without a nonce',
		send: () => {
			const { oauth_nonce: _nonce, ...rest } = oauth1( key, {
				method: 'GET',
				signedUrl: SIGNED_OVER_HTTP,
			} );
			return api.get( shop.httpUrl + HEALTH, { params: rest } );
		},
		code: 'flashnode_health_oauth_incomplete',
		message: /Incomplete OAuth 1\.0a request.*oauth_nonce/,
	},
	{
		name: 'consumer_key/consumer_secret in the query string over plain HTTP',
		send: () =>
			api.get( shop.httpUrl + HEALTH, {
				params: {
					consumer_key: key.consumer_key,
					consumer_secret: key.consumer_secret,
				},
			} ),
		code: 'flashnode_health_query_keys_need_https',
		message:
			/ignores consumer_key and consumer_secret.*over plain HTTP.*OAuth 1\.0a/,
	},
	{
		name: 'Basic Auth over plain HTTP',
		send: () =>
			api.get( shop.httpUrl + HEALTH, {
				headers: { Authorization: basicAuth( key ) },
			} ),
		code: 'flashnode_health_https_required',
		message: /HTTPS required for Basic Auth/,
	},
];

for ( const refusal of refusals ) {
	test( `401 with a stable code: ${ refusal.name }`, async () => {
		const response = await refusal.send();
		await expectRefusal( response, refusal );
	} );
}

test( 'a write-only key is told it cannot read, on a shop whose WooCommerce speaks another language', async () => {
	const writeOnly = createApiKey( 'write' );
	let language: string | null = null;
	try {
		language = wp( 'option', 'get', 'WPLANG' );
	} catch {} // Not set: English.
	// No WooCommerce translation files exist here, so a switched locale alone would change nothing: a test-only
	// filter translates every WooCommerce message instead.
	writeMuPlugin(
		'flashnode-test-translated-woocommerce',
		`add_filter( 'gettext', function ( $translation, $text, $domain ) {
	return 'woocommerce' === $domain ? 'Käännetty viesti ' . md5( $text ) : $translation;
}, 10, 3 );`
	);
	wp( 'option', 'update', 'WPLANG', 'fi' );
	try {
		// The test is only meaningful if WooCommerce's own refusal is no longer English.
		const own = await api.get( `${ shop.url }/wp-json/wc/v3/orders`, {
			headers: { Authorization: basicAuth( writeOnly ) },
		} );
		expect( own.status() ).toBe( 401 );
		expect( ( await own.json() ).message ).toMatch( /^Käännetty viesti / );

		const basic = await api.get( shop.url + HEALTH, {
			headers: { Authorization: basicAuth( writeOnly ) },
		} );
		const signed = await signedGet(
			shop.httpUrl,
			SIGNED_OVER_HTTP,
			writeOnly
		);
		for ( const response of [ basic, signed ] ) {
			expect( response.status() ).toBe( 401 );
			expect( ( await response.json() ).code ).toBe(
				'flashnode_health_key_cannot_read'
			);
		}
		// A wrong secret for the same key is still just a wrong secret.
		const wrong = await api.get( shop.url + HEALTH, {
			headers: {
				Authorization: basicAuth( {
					...writeOnly,
					consumer_secret: 'cs_wrong',
				} ),
			},
		} );
		expect( ( await wrong.json() ).code ).toBe(
			'flashnode_health_invalid_key'
		);
	} finally {
		if ( null === language ) {
			wp( 'option', 'delete', 'WPLANG' );
		} else {
			wp( 'option', 'update', 'WPLANG', language );
		}
		removeMuPlugin( 'flashnode-test-translated-woocommerce' );
		deleteApiKey( writeOnly );
	}
} );
