/**
 * Hostile input, feed family (`/wc-flashnode/v1/changes`, `/acks` and `/connection` (PUT reconnect_url), as the
 * server's REST index lists them): WooCommerce API keys, not browser sessions. Broken keys of every kind (none, unknown, wrong
 * secret, garbage Authorization headers, keys in the query string), keys over the wrong channel (Basic Auth and
 * query-string keys over plain HTTP, OAuth 1.0a over HTTPS or with a bad signature), keys without the permission
 * (read-only on acks, write-only on changes, also smuggled in with a method override), browser sessions instead
 * of keys, methods the routes lack, every query parameter of the feed and every field of an ack broken. All
 * refused (4xx, the parameter errors a 400), no 5xx, no PHP notice, no change in the database.
 *
 * A key that WooCommerce lets through on the pretty /wp-json/ URL gets its last_access column stamped (by
 * design: WooCommerce records each use), which the database guard would see; so the cases that carry a key
 * with the right permission go through the ?rest_route= form, where WooCommerce does not record it. Validly
 * signed OAuth requests are left out for the same reason (WooCommerce stores each nonce in the key's row).
 */
import { test } from './fixtures';
import { hostileSetUp, shop } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { ackBodiesBad, FEED_QUERIES_BAD } from './hostile/feed-values';
import { INVALID_JSON, INVALID_UTF8 } from './hostile/payloads';
import { oauth1, oauthHeader } from './oauth1';
import { restPath } from './raw-http';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const h = hostileSetUp();
const CHANGES = '/wc-flashnode/v1/changes';
const ACKS = '/wc-flashnode/v1/acks';
/** A service reporting its reconnect_url (PUT); only a connection's own key may. */
const RECONNECT = '/wc-flashnode/v1/connection';
const keys = {} as { read: ApiKey; write: ApiKey };

test.beforeAll( () => {
	keys.read = createApiKey( 'read' );
	keys.write = createApiKey( 'write' );
} );
test.afterAll( () => {
	for ( const key of Object.values( keys ) ) {
		deleteApiKey( key );
	}
} );

const basic = ( raw: string | Buffer ) =>
	'Basic ' + Buffer.from( raw ).toString( 'base64' );
const query = ( key: ApiKey, secret = key.consumer_secret ) =>
	`consumer_key=${ key.consumer_key }&consumer_secret=${ secret }`;

interface Credentials {
	name: string;
	headers?: Record< string, string >;
	query?: string;
	overHttp?: boolean;
	expect: number[];
}

/** Credentials that must get no further than a 401/403, whichever route. */
function brokenCredentials(): Credentials[] {
	const rw = h.foreignKey;
	const unknown = `ck_${ 'a'.repeat( 40 ) }`;
	const authorizations = [
		'Basic !!!not-base64!!!',
		'Basic ',
		'Basic a b c',
		basic( ':' ),
		basic( 'ck_only' ),
		basic( `${ unknown }:cs_${ 'b'.repeat( 40 ) }` ),
		basic( `ck_${ 'a'.repeat( 4000 ) }:cs_x` ),
		basic( "ck_' OR '1'='1:cs_' OR '1'='1" ),
		basic(
			Buffer.concat( [
				Buffer.from( 'ck_' ),
				INVALID_UTF8,
				Buffer.from( ':cs' ),
			] )
		),
		basic( `${ rw.consumer_key }:cs_wrong` ),
		basic( `${ rw.consumer_key }:` ),
		basic( `${ rw.consumer_key.toUpperCase() }:${ rw.consumer_secret }` ),
		basic( `${ rw.consumer_secret }:${ rw.consumer_key }` ),
		'Bearer eyJhbGciOiJub25lIn0.e30.',
		`Bearer ${ rw.consumer_key }`,
	];
	const signedUrl = ( path: string ) =>
		shop.url.replace( /^https:/, 'http:' ) + path;
	const badSignature = ( path: string, method: string ) =>
		oauthHeader(
			oauth1(
				{ ...rw, consumer_secret: 'cs_wrong' },
				{ method, signedUrl: signedUrl( path ) }
			)
		);
	return [
		{ name: 'no credentials', expect: [ 401 ] },
		...authorizations.map( ( authorization ) => ( {
			name: `Authorization ${ authorization.slice( 0, 40 ) }`,
			headers: { Authorization: authorization },
			expect: [ 401 ],
		} ) ),
		...[
			`consumer_key=${ unknown }&consumer_secret=cs_x`,
			query( rw, 'cs_wrong' ),
			`consumer_key=${ rw.consumer_key }`,
			`consumer_secret=${ rw.consumer_secret }`,
			'consumer_key[]=x&consumer_secret[]=y',
			`consumer_key=${ encodeURIComponent( "ck_' OR '1'='1" ) }&consumer_secret=x`,
			`oauth_consumer_key=${ rw.consumer_key }&oauth_signature=x&oauth_signature_method=HMAC-SHA1&oauth_nonce=x&oauth_timestamp=1`,
		].map( ( q ) => ( {
			name: `query ${ q.slice( 0, 50 ) }`,
			query: q,
			expect: [ 401 ],
		} ) ),
		// The wrong channel: WooCommerce accepts Basic Auth and query-string keys over HTTPS only.
		{
			name: 'valid key with Basic Auth over plain HTTP',
			headers: { Authorization: basicAuth( rw ) },
			overHttp: true,
			expect: [ 401 ],
		},
		{
			name: 'valid key in the query string over plain HTTP',
			query: query( rw ),
			overHttp: true,
			expect: [ 401 ],
		},
		{
			name: 'OAuth 1.0a with a wrong signature over plain HTTP',
			headers: { Authorization: badSignature( CHANGES, 'GET' ) },
			overHttp: true,
			expect: [ 401 ],
		},
		{
			name: 'OAuth 1.0a over HTTPS (WooCommerce signs only plain HTTP)',
			headers: {
				Authorization: oauthHeader(
					oauth1( rw, {
						method: 'GET',
						signedUrl: shop.url + CHANGES,
					} )
				),
			},
			expect: [ 401 ],
		},
		// Browser sessions instead of a key.
		{
			name: "the shop manager's session with a valid nonce, no key",
			headers: { Cookie: h.admin.cookie, 'X-WP-Nonce': h.admin.nonce },
			expect: [ 401 ],
		},
		{
			name: "a customer's session with a valid nonce and the admin's valid key",
			headers: {
				Cookie: h.customer.cookie,
				'X-WP-Nonce': h.customer.nonce,
				Authorization: basicAuth( rw ),
			},
			expect: [ 401 ],
		},
		{
			name: "the shop manager's cookie with a garbage nonce and a valid key",
			headers: {
				Cookie: h.admin.cookie,
				'X-WP-Nonce': 'garbage',
				Authorization: basicAuth( rw ),
			},
			expect: [ 403 ],
		},
	];
}

/**
 * A valid key with the wrong permission for the route, in every channel WooCommerce accepts it on.
 * @param key
 */
const withoutPermission = ( key: ApiKey ): Credentials[] => [
	{
		name: 'key without the permission, Basic Auth',
		headers: { Authorization: basicAuth( key ) },
		expect: [ 403 ],
	},
	{
		name: 'key without the permission, query string',
		query: query( key ),
		expect: [ 403 ],
	},
];

interface Route {
	path: string;
	method: string;
	/** Valid but for the credentials. */
	query: string;
	body?: string;
}

function credentialCases( route: Route, credentials: Credentials[] ): Case[] {
	return credentials.flatMap( ( credential ) =>
		[ false, true ].map( ( plain ) => ( {
			name: `${ credential.name }: ${ route.method } ${ route.path }${
				credential.overHttp ? ' over HTTP' : ''
			}${ plain ? ' (?rest_route=)' : '' }`,
			req: {
				method: route.method,
				path: restPath(
					route.path,
					[ route.query, credential.query ]
						.filter( Boolean )
						.join( '&' ),
					plain
				),
				headers: {
					...( credential.headers ?? {} ),
					...( route.body
						? { 'Content-Type': 'application/json' }
						: {} ),
				},
				body: route.body,
			},
			overHttp: credential.overHttp,
			expect: credential.expect,
		} ) )
	);
}

/**
 * The shop's read/write key by Basic Auth, on the ?rest_route= form (see the top of the file).
 * @param method
 * @param path
 * @param q
 * @param body
 * @param contentType
 */
const rwRequest = (
	method: string,
	path: string,
	q: string,
	body?: string | Buffer,
	contentType = 'application/json'
) => ( {
	method,
	path: restPath( path, q, true ),
	headers: {
		Authorization: basicAuth( h.foreignKey ),
		...( body === undefined ? {} : { 'Content-Type': contentType } ),
	},
	body,
} );

function methodCases(): Case[] {
	const cases: Case[] = [];
	for ( const [ path, has ] of [
		[ CHANGES, 'GET' ],
		[ ACKS, 'POST' ],
		[ RECONNECT, 'PUT' ],
	] ) {
		for ( const method of [
			'GET',
			'POST',
			'PUT',
			'PATCH',
			'DELETE',
			'PROPFIND',
		] ) {
			if ( method === has ) {
				continue;
			}
			const body = '{"order_ids":[999999999]}';
			// A key lacking what WooCommerce asks of the method (write for POST/PUT/PATCH/DELETE, read for GET; an
			// unknown method is refused either way): still WordPress's own 404, not the route's permission refusal.
			const lacking: Record< string, ApiKey[] > = {
				GET: [ keys.write ],
				PROPFIND: [ keys.read, keys.write ],
			};
			for ( const key of lacking[ method ] ?? [ keys.read ] ) {
				cases.push( {
					name: `${ key === keys.read ? 'read-only' : 'write-only' } key: ${ method } ${ path }`,
					req: {
						method,
						path: restPath( path, 'after=0' ),
						headers: {
							Authorization: basicAuth( key ),
							'Content-Type': 'application/json',
						},
						body,
					},
					expect: [ 404 ],
				} );
			}
			cases.push(
				{
					name: `no key: ${ method } ${ path }`,
					req: { method, path: restPath( path, 'after=0' ), body },
					expect: [ 401, 403, 404, 405 ],
				},
				{
					name: `read/write key: ${ method } ${ path } (?rest_route=)`,
					req: rwRequest( method, path, 'after=0', body ),
					expect: [ 401, 403, 404, 405 ],
				}
			);
		}
	}
	// Method overrides that would turn a key's refused method into an allowed one, or the other way round.
	const overrides: Array<
		[ string, string, ApiKey | null, string, Record< string, string > ]
	> = [
		[ 'POST', CHANGES, keys.write, '_method=GET&after=0', {} ],
		[
			'POST',
			CHANGES,
			keys.write,
			'after=0',
			{ 'X-HTTP-Method-Override': 'GET' },
		],
		[ 'GET', ACKS, keys.read, '_method=POST', {} ],
		[ 'POST', CHANGES, null, '_method=GET&after=0', {} ],
		[
			'POST',
			ACKS,
			null,
			'_method=POST',
			{ 'X-HTTP-Method-Override': 'POST' },
		],
	];
	for ( const [ method, path, key, q, headers ] of overrides ) {
		for ( const plain of [ false, true ] ) {
			cases.push( {
				name: `${ key ? 'key without the permission' : 'no key' }: ${ method } ${ path }?${ q } ${ JSON.stringify( headers ) }${ plain ? ' (?rest_route=)' : '' }`,
				req: {
					method,
					path: restPath( path, q, plain ),
					headers: {
						...headers,
						...( key ? { Authorization: basicAuth( key ) } : {} ),
					},
				},
				expect: key ? [ 403 ] : [ 401 ],
			} );
		}
	}
	cases.push( {
		name: `read/write key: POST ${ ACKS }?_method=DELETE (?rest_route=)`,
		req: rwRequest(
			'POST',
			ACKS,
			'_method=DELETE',
			'{"order_ids":[999999999]}'
		),
		expect: [ 404 ],
	} );
	return cases;
}

function fieldCases(): Case[] {
	const cases: Case[] = FEED_QUERIES_BAD.map( ( q, index ) => ( {
		name: `read/write key: GET ${ CHANGES }?${ q.slice( 0, 60 ) }`,
		req:
			index % 3 === 2
				? // Every third with the read-only key in the query string instead.
					{
						method: 'GET',
						path: restPath(
							CHANGES,
							[ q, query( keys.read ) ]
								.filter( Boolean )
								.join( '&' ),
							true
						),
					}
				: rwRequest( 'GET', CHANGES, q ),
		expect: [ 400 ],
	} ) );
	ackBodiesBad().forEach( ( body, index ) =>
		cases.push( {
			name: `read/write key: POST ${ ACKS } ${ body.slice( 0, 60 ) }`,
			req:
				index % 4 === 3
					? {
							...rwRequest( 'POST', ACKS, '', body ),
							// Every fourth with the write-only key.
							headers: {
								Authorization: basicAuth( keys.write ),
								'Content-Type': 'application/json',
							},
						}
					: rwRequest( 'POST', ACKS, '', body ),
			expect: [ 400 ],
		} )
	);
	for ( const body of INVALID_JSON ) {
		cases.push( {
			name: `read/write key: POST ${ ACKS } invalid JSON ${ JSON.stringify( body.toString().slice( 0, 30 ) ) }`,
			req: rwRequest( 'POST', ACKS, '', body ),
			expect: [ 400 ],
		} );
	}
	// Well-formed ids, but not as a JSON body: form fields, the query string, JSON under another content type.
	const ids = '{"order_ids":[999999999],"reference":"hostile"}';
	cases.push(
		{
			name: `read/write key: POST ${ ACKS } as a form`,
			req: rwRequest(
				'POST',
				ACKS,
				'',
				'order_ids[]=999999999&reference=hostile',
				'application/x-www-form-urlencoded'
			),
			expect: [ 400 ],
		},
		{
			name: `read/write key: POST ${ ACKS } ids in the query string`,
			req: rwRequest(
				'POST',
				ACKS,
				'order_ids[]=999999999&reference=hostile'
			),
			expect: [ 400 ],
		},
		...[
			'text/plain',
			'application/xml',
			'multipart/form-data; boundary=x',
		].map( ( type ) => ( {
			name: `read/write key: POST ${ ACKS } JSON as ${ type }`,
			req: rwRequest( 'POST', ACKS, '', ids, type ),
			expect: [ 400 ],
		} ) )
	);
	return cases;
}

/**
 * PUT /connection with a valid read/write key that belongs to no connection (made by hand): 404 whatever the body,
 * and nothing is stored. Bodies a connection's key would get 400 for are PHP-tested (OwnUserTest).
 */
function reconnectCases(): Case[] {
	const bodies: Array< string | Buffer > = [
		'{"reconnect_url":"https://203.0.113.10/reconnect"}',
		'{"reconnect_url":"http://10.0.0.1/reconnect"}',
		'{"reconnect_url":["https://203.0.113.10/reconnect"]}',
		'{}',
		'[]',
		...INVALID_JSON,
	];
	return bodies.map( ( body ) => ( {
		name: `read/write key of no connection: PUT ${ RECONNECT } ${ JSON.stringify(
			body.toString().slice( 0, 50 )
		) }`,
		req: rwRequest( 'PUT', RECONNECT, '', body ),
		expect: [ 400, 404 ],
	} ) );
}

test( 'feed: broken keys, keys over the wrong channel or without the permission, and broken parameters are refused, no 5xx, no PHP notice, no change in the database', async () => {
	const changes: Route = {
		path: CHANGES,
		method: 'GET',
		query: 'after=0&limit=1',
	};
	const acks: Route = {
		path: ACKS,
		method: 'POST',
		query: '',
		body: '{"order_ids":[999999999],"reference":"hostile"}',
	};
	await expectFamilyRefused( h, 'feed', {
		extra: [
			...credentialCases( changes, [
				...brokenCredentials(),
				...withoutPermission( keys.write ),
			] ),
			...credentialCases( acks, [
				...brokenCredentials(),
				...withoutPermission( keys.read ),
			] ),
			...credentialCases(
				{
					path: RECONNECT,
					method: 'PUT',
					query: '',
					body: '{"reconnect_url":"https://203.0.113.10/reconnect"}',
				},
				[ ...brokenCredentials(), ...withoutPermission( keys.read ) ]
			),
			...reconnectCases(),
			...methodCases(),
			...fieldCases(),
		],
	} );
} );
