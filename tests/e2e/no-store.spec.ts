/**
 * Cache-Control: no-store, as it really leaves the shop, on every answer that carries a secret and on every
 * health answer. Raw HTTP: the header WordPress finally sends (for logged-in users WP_REST_Server replaces the
 * response's own Cache-Control with its nocache headers; WordPress 6.1's lack no-store) is what a cache sees.
 */
import { expect, test } from './fixtures';
import { oauth1 } from './oauth1';
import {
	endSession,
	forgetClaims,
	requestId,
	restPath,
	send,
	sessionJson,
	startSession,
	type RawResponse,
	type Session,
} from './raw-http';
import { readShop } from './shop';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const NS = '/flashnode/v1';
const HEALTH = '/wc-flashnode/v1/health';
const HOOK_URL = 'https://127.0.0.1:9/flashnode-no-store-hook';

let admin: Session;
let key: ApiKey;

test.beforeAll( () => {
	admin = startSession( shop.user, 'administrator' );
	key = createApiKey( 'read_write' );
} );

test.afterAll( () => {
	deleteApiKey( key );
	endSession( admin );
} );

/**
 * The response's Cache-Control directives (a repeated header counts: caches honour all of them).
 * @param response
 */
function directives( response: RawResponse ): string[] {
	const value = response.headers[ 'cache-control' ];
	return ( Array.isArray( value ) ? value.join( ',' ) : ( value ?? '' ) )
		.split( ',' )
		.map( ( directive ) => directive.trim().toLowerCase() )
		.filter( Boolean );
}

/**
 * A POST of the admin's browser session, as the settings page sends it.
 * @param route
 * @param body
 */
function adminPost( route: string, body: unknown ): Promise< RawResponse > {
	return send( {
		method: 'POST',
		path: restPath( route ),
		headers: {
			Cookie: admin.cookie,
			'X-WP-Nonce': admin.nonce,
			'Content-Type': 'application/json',
		},
		body: JSON.stringify( body ),
	} );
}

test( 'POST /keys: the answer with the new secret is no-store for the logged-in owner', async () => {
	const request = requestId();
	const created = await adminPost( `${ NS }/keys`, {
		request_id: request,
		permissions: 'read',
		description: 'Flashnode no-store test',
	} );
	try {
		expect( created.status, created.body ).toBe( 201 );
		expect( JSON.parse( created.body ).key.consumer_secret ).toMatch(
			/^cs_/
		);
		expect( directives( created ) ).toContain( 'no-store' );
	} finally {
		const id = JSON.parse( created.body )?.key?.key_id;
		if ( id ) {
			await sessionJson( admin, 'DELETE', `${ NS }/keys/${ id }` );
		}
		forgetClaims( 'create_key', request );
	}
} );

test( 'POST /webhooks: the answer with the new secret is no-store; the one without a secret needs none', async () => {
	const requests = [ requestId(), requestId() ];
	const created = await adminPost( `${ NS }/webhooks`, {
		request_id: requests[ 0 ],
		delivery_url: HOOK_URL,
		topics: [ 'order.created' ],
	} );
	let ids: number[] = [];
	try {
		expect( created.status, created.body ).toBe( 201 );
		ids = JSON.parse( created.body ).created;
		expect( JSON.parse( created.body ).secret ).toEqual(
			expect.any( String )
		);
		expect( directives( created ) ).toContain( 'no-store' );

		// Same URL and topic again: nothing created, no secret in the answer.
		const kept = await adminPost( `${ NS }/webhooks`, {
			request_id: requests[ 1 ],
			delivery_url: HOOK_URL,
			topics: [ 'order.created' ],
		} );
		expect( kept.status, kept.body ).toBe( 200 );
		expect( JSON.parse( kept.body ).secret ).toBeNull();
	} finally {
		for ( const id of ids ) {
			await sessionJson( admin, 'DELETE', `${ NS }/webhooks/${ id }` );
		}
		forgetClaims( 'register_webhooks', ...requests );
	}
} );

test( 'every health answer is no-store: anonymous, with a key, refused, on both URL forms and plain HTTP', async () => {
	const answers: Array< [ string, RawResponse ] > = [];
	for ( const plain of [ false, true ] ) {
		answers.push( [
			`anonymous${ plain ? ' (?rest_route=)' : '' }`,
			await send( {
				method: 'GET',
				path: restPath( HEALTH, '', plain ),
			} ),
		] );
	}
	answers.push( [
		'with a key',
		await send( {
			method: 'GET',
			path: restPath( HEALTH ),
			headers: { Authorization: basicAuth( key ) },
		} ),
	] );
	answers.push( [
		'details without credentials',
		await send( { method: 'GET', path: restPath( HEALTH, 'details=1' ) } ),
	] );
	answers.push( [
		'wrong secret (refused by WooCommerce before the route runs)',
		await send( {
			method: 'GET',
			path: restPath( HEALTH ),
			headers: {
				Authorization: basicAuth( { ...key, consumer_secret: 'cs_x' } ),
			},
		} ),
	] );
	for ( const [ name, response ] of answers ) {
		expect( directives( response ), name ).toContain( 'no-store' );
	}
	expect( answers.map( ( [ , response ] ) => response.status ) ).toEqual( [
		200, 200, 200, 401, 401,
	] );

	// Plain HTTP, signed with OAuth 1.0a (see health-auth.spec.ts for the signed URL).
	const oauth = oauth1( key, {
		method: 'GET',
		signedUrl: shop.url.replace( /^https:/, 'http:' ) + '/wp-json' + HEALTH,
	} );
	const overHttp = await fetch(
		`${ shop.httpUrl }/wp-json${ HEALTH }?${ new URLSearchParams( oauth ) }`
	);
	expect( overHttp.status ).toBe( 200 );
	expect( overHttp.headers.get( 'cache-control' ) ).toMatch( /\bno-store\b/ );
} );

test( 'every answer under wc-flashnode/v1 is no-store: the namespace index (which lists only the routes), unknown routes, any case', async () => {
	const answers: Array< [ string, RawResponse ] > = [];
	for ( const route of [ '/wc-flashnode/v1/', '/wc-flashnode/v1' ] ) {
		for ( const plain of [ false, true ] ) {
			answers.push( [
				`index ${ route }${ plain ? ' (?rest_route=)' : '' }`,
				await send( {
					method: 'GET',
					path: restPath( route, '', plain ),
				} ),
			] );
		}
	}
	answers.push( [
		'index, logged-in owner',
		await send( {
			method: 'GET',
			path: restPath( '/wc-flashnode/v1/' ),
			headers: { Cookie: admin.cookie, 'X-WP-Nonce': admin.nonce },
		} ),
	] );
	answers.push( [
		'index, with a key',
		await send( {
			method: 'GET',
			path: restPath( '/wc-flashnode/v1/' ),
			headers: { Authorization: basicAuth( key ) },
		} ),
	] );
	answers.push( [
		'index, context=help',
		await send( {
			method: 'GET',
			path: restPath( '/wc-flashnode/v1/', 'context=help' ),
		} ),
	] );
	answers.push( [
		'upper-case path (WordPress matches routes regardless of case)',
		await send( {
			method: 'GET',
			path: restPath( '/WC-FLASHNODE/v1/CHANGES', 'after=0' ),
		} ),
	] );
	answers.push( [
		'unknown route',
		await send( {
			method: 'GET',
			path: restPath( '/wc-flashnode/v1/nope' ),
		} ),
	] );
	for ( const [ name, response ] of answers ) {
		expect( directives( response ), name ).toContain( 'no-store' );
	}
	expect( answers.map( ( [ , response ] ) => response.status ) ).toEqual( [
		200, 200, 200, 200, 200, 200, 200, 401, 404,
	] );

	// The index names the routes and their methods, nothing of the shop, its keys or its orders.
	for ( const [ name, response ] of answers.slice( 0, 7 ) ) {
		const index = JSON.parse( response.body );
		expect( Object.keys( index.routes ).sort(), name ).toEqual( [
			'/wc-flashnode/v1',
			'/wc-flashnode/v1/acks',
			'/wc-flashnode/v1/changes',
			'/wc-flashnode/v1/connection',
			'/wc-flashnode/v1/health',
		] );
		expect( response.body, name ).not.toMatch(
			/ck_|cs_|consumer|secret|password|version|admin@|"order_id"/i
		);
	}
} );
