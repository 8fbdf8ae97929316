/**
 * Hostile input: well over 1,000 malformed requests across every route of the plugin, generated
 * combinatorially — every route and every HTTP method under every broken authentication (anonymous, cookie
 * without nonce, garbage, expired and foreign nonces, an ended session, a customer), and for the shop manager
 * with a valid nonce every argument of every route with wrong types, missing and extra fields, 1 MB strings,
 * invalid UTF-8, invalid JSON, SQL and script payloads, and delivery/callback URLs pointing at private networks,
 * cloud metadata, file://, gopher://, plain http:// or carrying credentials. Both URL forms (pretty permalinks
 * and ?rest_route=) are used.
 *
 * For all of them together: no response is a 5xx, every request that should be refused is (4xx), nothing is
 * logged by PHP (WP_DEBUG is on: notices, warnings, deprecations, fatals, database errors), and the database is
 * the same before and after: the plugin's options (including the request-id claims), every row of
 * WooCommerce's API key and webhook tables, and the settings and .htaccess the one-click fixes would change.
 * The requests that would do damage if a check were missing are aimed at real targets: a key and webhooks of
 * the plugin, and a WooCommerce key that is not the plugin's.
 *
 * Callback URLs that redirect are tested apart (a real HTTPS receiver on loopback that redirects): the
 * hand-off must not follow the redirect, and must leave no key behind.
 */
import { Agent, createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

import { expect, test } from './fixtures';
import {
	dbSnapshot,
	deleteUser,
	deleteWebhook,
	endSession,
	foreignWebhook,
	forgetClaims,
	logOffsets,
	logTextSince,
	pool,
	requestId,
	restPath,
	send,
	sessionJson,
	startSession,
	type RawRequest,
	type RawResponse,
	type Session,
} from './raw-http';
import { readShop } from './shop';
import { createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const NS = '/flashnode/v1';
const HEALTH = '/wc-flashnode/v1/health';
const CONCURRENCY = 8;
const MB = 'A'.repeat( 1024 * 1024 );
const CUSTOMER = 'flashnode-hostile-customer';
/** A loopback receiver nobody listens on (the test stack lets the plugin address 127.0.0.1; see OutboundUrl). */
const TARGET_URL = 'https://127.0.0.1:9/flashnode-hostile';
const LOGS = [
	shop.phpErrorLog,
	shop.debugLog,
	shop.phpErrorLog.replace( /php-errors\.log$/, 'apache-error.log' ),
];
/** What PHP and WordPress write when something is wrong (WP_DEBUG_LOG and PHP's error_log). */
const PROBLEM_LINE =
	/PHP (Fatal error|Parse error|Warning|Notice|Deprecated|Strict Standards|Recoverable)|WordPress database error|Flashnode debug guard|Segmentation fault|exit signal/;

let admin: Session;
let customer: Session;
let ended: Session;
let foreignKey: ApiKey;
let foreignWebhookId: number;
let agent: Agent;
let keyId: number;
let webhookIds: number[];
const setupRequestIds: Record< string, string[] > = {
	create_key: [],
	register_webhooks: [],
};

interface Case {
	name: string;
	req: RawRequest;
	/** Allowed statuses; default: any 4xx. */
	expect?: number[];
	/** For health: a 200 must be the anonymous summary. */
	health?: boolean;
}

// ---------------------------------------------------------------- encoding helpers

type Json =
	null | boolean | number | string | Json[] | { [ key: string ]: Json };

/**
 * Form/query encoding with PHP's bracket syntax for arrays and objects.
 *
 * @param params Parameters (undefined ones are left out).
 */
function formEncode( params: Record< string, Json | undefined > ): string {
	const parts: string[] = [];
	const add = ( name: string, value: Json ) => {
		if ( Array.isArray( value ) ) {
			if ( value.length === 0 ) {
				parts.push( `${ encodeURIComponent( name ) }[]=` );
			}
			value.forEach( ( item, index ) =>
				add( `${ name }[${ index }]`, item )
			);
		} else if ( value !== null && typeof value === 'object' ) {
			if ( Object.keys( value ).length === 0 ) {
				// An empty map still arrives as an array, not as nothing.
				parts.push( `${ encodeURIComponent( name ) }[]=` );
			}
			Object.entries( value ).forEach( ( [ key, item ] ) =>
				add( `${ name }[${ key }]`, item )
			);
		} else {
			parts.push(
				`${ encodeURIComponent( name ) }=${ encodeURIComponent(
					value === null ? '' : String( value )
				) }`
			);
		}
	};
	Object.entries( params ).forEach( ( [ key, value ] ) => {
		if ( value !== undefined ) {
			add( key, value );
		}
	} );
	return parts.join( '&' );
}

/** Raw bytes that are not UTF-8, inside an otherwise ordinary string. */
const INVALID_UTF8 = Buffer.from( [ 0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62 ] );
const INVALID_UTF8_ENCODED = '%61%FF%FE%C3%28%62';

// ---------------------------------------------------------------- hostile values

/** Strings that must come out of every layer as inert text. */
const PAYLOADS = [
	"' OR '1'='1",
	'1; DROP TABLE wp_options; --',
	'1 UNION SELECT user_pass FROM wp_users',
	'<script>window.__xss=1</script>',
	'"><img src=x onerror=alert(1)>',
	'${jndi:ldap://10.0.0.1/a}',
	'{{7*7}}',
	'%s%s%s%n%x',
	'../../../../etc/passwd',
	'a:1:{i:0;O:8:"stdClass":0:{}}',
	'x\r\nSet-Cookie: hostile=1',
	'\u202Egnp.exe',
	'nul\u0000byte',
	'😀'.repeat( 50 ),
];

/** Delivery/callback URLs that must be refused (loopback 127.0.0.1/localhost is opened by the test stack). */
const BAD_URLS = [
	'http://example.com/flashnode',
	'http://10.0.0.1/flashnode',
	'file:///etc/passwd',
	'file://localhost/etc/passwd',
	'gopher://127.0.0.1:6379/_FLUSHALL',
	'gopher://10.0.0.1:25/_HELO',
	'ftp://10.0.0.1/x',
	'dict://127.0.0.1:11211/stat',
	'ldap://10.0.0.1/dc=x',
	'javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'https://10.0.0.1/flashnode',
	'https://10.255.255.254:8443/flashnode',
	'https://172.16.0.1/flashnode',
	'https://172.31.255.254/flashnode',
	'https://192.168.0.1/flashnode',
	'https://192.168.1.254:443/flashnode',
	'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
	'https://169.254.170.2/v2/credentials',
	'https://0.0.0.0/flashnode',
	'https://127.0.0.2/flashnode',
	'https://127.1.2.3/flashnode',
	'https://2130706433/flashnode',
	'https://167772161/flashnode',
	'https://0x7f000001/flashnode',
	'https://[::1]/flashnode',
	'https://[::ffff:10.0.0.1]/flashnode',
	'https://[::ffff:169.254.169.254]/flashnode',
	'https://[fd00::1]/flashnode',
	'https://[fe80::1]/flashnode',
	'https://user:password@example.com/flashnode',
	'https://user@10.0.0.1/flashnode',
	'https://:secret@flashnode.invalid/flashnode',
	'https://admin:admin@127.0.0.1:9/flashnode',
	'https://flashnode.invalid/flashnode',
	'https://service.localhost/flashnode',
	'https:///flashnode',
	'https://',
	'https:',
	'//example.com/flashnode',
	'example.com/flashnode',
	'not a url',
	' https://example.com/flashnode',
	'https://example.com/flash node',
	'https://example.com/flashnode\n',
	'https://example.com/\u0000',
	'https://exa\tmple.com/',
	'https://example.com:99999/flashnode',
	'https://example.com:-1/flashnode',
	`https://example.com/${ 'a'.repeat( 2001 ) }`,
	// Host names longer than DNS allows (PHP's resolver warns about those over 255 characters).
	`https://${ 'a'.repeat( 300 ) }.example/flashnode`,
	`https://${ 'a'.repeat( 64 ) }.example/flashnode`,
	`https://${ MB }`,
	'',
	'   ',
	...PAYLOADS,
];

interface BadValue {
	value: Json;
	/** Invalid on its own in a JSON body (otherwise the request also gets an invalid partner field). */
	alone: boolean;
	/** Still invalid once form/query encoding turned it into a string (default: same as alone). */
	aloneAsForm?: boolean;
}

const bad = ( values: Json[], alone = true ): BadValue[] =>
	values.map( ( value ) => ( { value, alone } ) );

/**
 * Non-string scalars: invalid for a string field in JSON, but a plain string once form-encoded.
 * @param values
 */
const scalarsForString = ( values: Json[] ): BadValue[] =>
	values.map( ( value ) => ( { value, alone: true, aloneAsForm: false } ) );

const REQUEST_ID_BAD: BadValue[] = [
	...bad( [
		'',
		'short',
		'a'.repeat( 65 ),
		'has space in it',
		'ünïcødé-id',
		[],
		{},
		[ 'abcdefgh12' ],
		{ id: 'abcdefgh12' },
		MB,
		...PAYLOADS,
	] ),
	...scalarsForString( [ 12345678, true, 1.5 ] ),
];

const USER_ID_BAD = (): BadValue[] => [
	...bad( [
		0,
		-1,
		999999999,
		9007199254740993,
		'1 OR 1=1',
		'abc',
		1.5,
		true,
		[],
		{},
		[ 1 ],
		'1e3',
		'',
		MB,
		customer.user_id,
		...PAYLOADS,
	] ),
];

const PERMISSIONS_BAD: BadValue[] = bad( [
	'admin',
	'',
	'READ',
	'read write',
	[ 'read' ],
	{ read: true },
	1,
	true,
	MB,
	...PAYLOADS,
] );

const DESCRIPTION_BAD: BadValue[] = [
	...bad( [ 'x'.repeat( 191 ), MB, [], {}, [ 'x' ], { a: 'b' } ] ),
	...scalarsForString( [ 42, true, 1.5 ] ),
	// Inert strings: valid descriptions, so a partner field must be invalid.
	...bad( PAYLOADS, false ),
];

const TOPICS_BAD: BadValue[] = [
	...bad( [
		[],
		[ 'order.created', 'order.created' ],
		[ 'order.nope' ],
		[ 'action.woocommerce_payment_complete' ],
		[ 'order.*' ],
		[ 1 ],
		[ [] ],
		[ {} ],
		[ null ],
		{ a: 'order.created' },
		1,
		true,
		'order.nope',
		[ MB ],
		MB,
		...PAYLOADS.map( ( payload ) => [ payload ] ),
	] ),
	// A comma-separated string is a valid list for WordPress.
	...bad( [ 'order.created' ], false ),
];

const NAME_BAD: BadValue[] = [
	...bad( [ 'x'.repeat( 101 ), MB, [], {}, [ 'x' ] ] ),
	...scalarsForString( [ 42, false ] ),
	...bad( PAYLOADS, false ),
];

const API_MODE_BAD: BadValue[] = bad( [
	'',
	'LEGACY',
	'rest_v4',
	'legacy ',
	1,
	true,
	[],
	[ 'legacy' ],
	{},
	MB,
	...PAYLOADS,
] );

const ORDER_STATUSES_BAD: BadValue[] = [
	...bad( [
		[],
		[ 'nope' ],
		[ 'wc-processing' ],
		[ 'processing', 'processing' ],
		[ 1 ],
		[ [] ],
		[ {} ],
		[ null ],
		{ a: 'processing' },
		'nope',
		1,
		true,
		[ MB ],
		MB,
		...PAYLOADS.map( ( payload ) => [ payload ] ),
	] ),
	...bad( [ 'processing' ], false ),
];

const BOOLEAN_BAD: BadValue[] = bad( [
	'maybe',
	'yes',
	2,
	-1,
	1.5,
	[],
	[ true ],
	{},
	MB,
	...PAYLOADS,
] );

/** Path segments for {id} that are not one of the plugin's keys/webhooks (or not ids at all). */
/**
 * Ids that are not the plugin's. `foreignId` is a real row of the same resource that belongs to someone else (a
 * WooCommerce key or webhook the plugin did not make): ids are per table, so a key's id may well be one of the
 * plugin's webhooks on a fresh shop.
 * @param foreignId
 */
const ID_SEGMENTS_BAD = ( foreignId: number ): string[] => [
	'0',
	'999999999',
	'99999999999999999999999999',
	String( foreignId ),
	'1.5',
	'-1',
	'abc',
	'1%20OR%201%3D1',
	'1%3BDROP%20TABLE%20wp_options',
	'%3Cscript%3E',
	'%FF%FE',
	'..%2F..%2F1',
	'1%00',
	'a'.repeat( 4000 ),
];

const FIX_SEGMENTS_BAD = [
	'nope',
	'PERMALINKS',
	'permalinks_x',
	'permalinks%00',
	'permalinks%20OR%201%3D1',
	'..%2F..%2Fpermalinks',
	'%3Cscript%3E',
	'%FF',
	'a'.repeat( 4000 ),
	'x',
];

/** Bodies that are not valid JSON, sent as application/json. */
const INVALID_JSON: Array< string | Buffer > = [
	'{',
	'{"request_id":',
	'{"request_id":"abcdefgh12",}',
	"{'request_id':'abcdefgh12'}",
	'[1,2',
	'{"a":1}}',
	'{"request_id":"abcdefgh12"}trailing',
	'\uFEFF{"request_id":"abcdefgh12"}',
	'NaN',
	'{"description":"\\ud800"}',
	'{"description":"\\x41"}',
	Buffer.concat( [
		Buffer.from( '{"description":"' ),
		INVALID_UTF8,
		Buffer.from( '","request_id":"abcdefgh12"}' ),
	] ),
	Buffer.from( [ 0xff, 0xfe, 0x7b, 0x7d ] ),
	'['.repeat( 600 ) + ']'.repeat( 600 ),
	'['.repeat( 100000 ),
	`{"description":"${ MB }`,
	'{"request_id":"abcdefgh12","topics":' +
		'['.repeat( 600 ) +
		']'.repeat( 600 ) +
		'}',
	'\u0000',
];

// ---------------------------------------------------------------- authentication variants

type Auth =
	| 'anonymous'
	| 'cookie without nonce'
	| 'garbage nonce'
	| 'expired nonce'
	| 'ended session'
	| 'customer'
	| "customer with the admin's nonce"
	| 'garbage _wpnonce in the query';

const AUTHS: Auth[] = [
	'anonymous',
	'cookie without nonce',
	'garbage nonce',
	'expired nonce',
	'ended session',
	'customer',
	"customer with the admin's nonce",
	'garbage _wpnonce in the query',
];

/**
 * Headers and extra query for an authentication variant, and the status a route answers it with.
 *
 * @param auth Variant.
 */
function authOf( auth: Auth ): {
	headers: Record< string, string >;
	query: string;
	status: number;
} {
	switch ( auth ) {
		case 'anonymous':
			return { headers: {}, query: '', status: 401 };
		case 'cookie without nonce':
			// WordPress treats a cookie without the REST nonce as logged out (CSRF protection).
			return {
				headers: { Cookie: admin.cookie },
				query: '',
				status: 401,
			};
		case 'garbage nonce':
			return {
				headers: {
					Cookie: admin.cookie,
					'X-WP-Nonce': "0' OR '1'='1",
				},
				query: '',
				status: 403,
			};
		case 'expired nonce':
			return {
				headers: {
					Cookie: admin.cookie,
					'X-WP-Nonce': admin.stale_nonce,
				},
				query: '',
				status: 403,
			};
		case 'ended session':
			// The cookie of a session that was logged out: no user, and the session's nonce no longer matches.
			return {
				headers: { Cookie: ended.cookie, 'X-WP-Nonce': ended.nonce },
				query: '',
				status: 403,
			};
		case 'customer':
			return {
				headers: {
					Cookie: customer.cookie,
					'X-WP-Nonce': customer.nonce,
				},
				query: '',
				status: 403,
			};
		case "customer with the admin's nonce":
			return {
				headers: {
					Cookie: customer.cookie,
					'X-WP-Nonce': admin.nonce,
				},
				query: '',
				status: 403,
			};
		case 'garbage _wpnonce in the query':
			return {
				headers: { Cookie: admin.cookie },
				query: '_wpnonce=%3Cscript%3E',
				status: 403,
			};
	}
}

const adminHeaders = (): Record< string, string > => ( {
	Cookie: admin.cookie,
	'X-WP-Nonce': admin.nonce,
} );

const adminJsonHeaders = (): Record< string, string > => ( {
	...adminHeaders(),
	'Content-Type': 'application/json',
} );

// ---------------------------------------------------------------- the routes

interface RouteSpec {
	/** Route with its namespace. */
	route: () => string;
	/** Methods it answers. */
	methods: string[];
	/** A body that would act if the request were let through (for the bad-authentication matrix). */
	validBody?: () => Record< string, Json >;
}

const METHODS = [ 'GET', 'POST', 'PUT', 'PATCH', 'DELETE' ];

const ROUTES: RouteSpec[] = [
	{
		route: () => `${ NS }/keys`,
		methods: [ 'GET', 'POST' ],
		validBody: () => ( {
			request_id: requestId(),
			permissions: 'read_write',
			description: 'hostile: must not exist',
		} ),
	},
	{ route: () => `${ NS }/keys/${ keyId }`, methods: [ 'DELETE' ] },
	{
		route: () => `${ NS }/connection`,
		methods: [ 'GET', 'POST' ],
		validBody: () => ( {
			request_id: requestId(),
			callback_url: `${ TARGET_URL }-connect`,
		} ),
	},
	{
		route: () => `${ NS }/webhooks`,
		methods: [ 'GET', 'POST' ],
		validBody: () => ( {
			request_id: requestId(),
			delivery_url: `${ TARGET_URL }-other`,
			topics: [ 'order.deleted' ],
		} ),
	},
	{
		route: () => `${ NS }/webhooks/${ webhookIds[ 0 ] }`,
		methods: [ 'DELETE' ],
	},
	{
		route: () => `${ NS }/webhooks/${ webhookIds[ 0 ] }/test`,
		methods: [ 'POST' ],
	},
	{
		route: () => `${ NS }/webhooks/${ webhookIds[ 1 ] }/enable`,
		methods: [ 'POST' ],
	},
	{
		route: () => `${ NS }/settings`,
		methods: [ 'GET', 'POST', 'PUT', 'PATCH' ],
		validBody: () => ( {
			api_mode: 'rest_v3',
			order_statuses: [ 'on-hold' ],
			keep_connection_on_uninstall: true,
		} ),
	},
	{ route: () => `${ NS }/readiness`, methods: [ 'GET' ] },
	{
		route: () => `${ NS }/readiness/fixes/permalinks`,
		methods: [ 'POST', 'DELETE' ],
	},
	{
		route: () => `${ NS }/readiness/fixes/legacy_api`,
		methods: [ 'POST', 'DELETE' ],
	},
	{
		route: () => `${ NS }/readiness/fixes/authorization_header`,
		methods: [ 'POST', 'DELETE' ],
	},
];

// ---------------------------------------------------------------- case generation

/**
 * Every route × every method × every broken authentication × both URL forms, with a body that would act.
 */
function badAuthenticationCases(): Case[] {
	const cases: Case[] = [];
	for ( const spec of ROUTES ) {
		for ( const method of METHODS ) {
			for ( const authName of AUTHS ) {
				// ?rest_route= (Plain permalinks) for the two variants that reach the routes' own permission check
				// without a nonce error first.
				const forms =
					authName === 'anonymous' ||
					authName === 'cookie without nonce'
						? [ false, true ]
						: [ false ];
				for ( const plain of forms ) {
					const auth = authOf( authName );
					const body =
						spec.validBody && method !== 'GET'
							? JSON.stringify( spec.validBody() )
							: undefined;
					const answers = spec.methods.includes( method );
					cases.push( {
						name: `${ authName }: ${ method } ${ spec.route() }${
							plain ? ' (?rest_route=)' : ''
						}`,
						req: {
							method,
							path: restPath( spec.route(), auth.query, plain ),
							headers: {
								...auth.headers,
								...( body
									? { 'Content-Type': 'application/json' }
									: {} ),
							},
							body,
						},
						// A method the route does not have: 404 (no route), or the nonce error that comes first.
						expect: answers ? [ auth.status ] : [ 401, 403, 404 ],
					} );
				}
			}
		}
	}
	// Method override (?_method= and the header WordPress honours on POST) aimed at the plugin's key.
	for ( const authName of AUTHS ) {
		const auth = authOf( authName );
		cases.push(
			{
				name: `${ authName }: POST ?_method=DELETE on the plugin's key`,
				req: {
					method: 'POST',
					path: restPath(
						`${ NS }/keys/${ keyId }`,
						[ auth.query, '_method=DELETE' ]
							.filter( Boolean )
							.join( '&' )
					),
					headers: auth.headers,
				},
				expect: [ auth.status ],
			},
			{
				name: `${ authName }: POST with X-HTTP-Method-Override: DELETE on a webhook`,
				req: {
					method: 'POST',
					path: restPath(
						`${ NS }/webhooks/${ webhookIds[ 0 ] }`,
						auth.query
					),
					headers: {
						...auth.headers,
						'X-HTTP-Method-Override': 'DELETE',
					},
				},
				expect: [ auth.status ],
			}
		);
	}
	return cases;
}

/** The shop manager with a valid nonce, with methods the routes do not have. */
function wrongMethodCases(): Case[] {
	const cases: Case[] = [];
	for ( const spec of ROUTES ) {
		for ( const method of [ ...METHODS, 'OPTIONS_BODY' ] ) {
			if ( spec.methods.includes( method ) ) {
				continue;
			}
			for ( const plain of [ method.length % 2 === 0 ] ) {
				const body = JSON.stringify(
					spec.validBody ? spec.validBody() : { id: 1 }
				);
				cases.push( {
					name: `admin: ${ method } ${ spec.route() }${
						plain ? ' (?rest_route=)' : ''
					}`,
					req: {
						// A made-up method, so a route cannot fall back to GET.
						method: method === 'OPTIONS_BODY' ? 'PROPFIND' : method,
						path: restPath( spec.route(), '', plain ),
						headers: adminJsonHeaders(),
						body,
					},
					expect: [ 400, 404, 405, 501 ].filter(
						// 501 from Apache for an unknown method would be a 5xx: not allowed.
						( status ) => status < 500
					),
				} );
			}
		}
	}
	return cases;
}

interface FieldFuzz {
	route: () => string;
	/** A valid body; each case breaks one field. */
	valid: () => Record< string, Json >;
	/** A field value that makes any body invalid, for values that are valid on their own. */
	partner: [ string, Json ];
	fields: Record< string, BadValue[] >;
}

const FUZZ = (): FieldFuzz[] => [
	{
		route: () => `${ NS }/keys`,
		valid: () => ( {
			request_id: requestId(),
			permissions: 'read_write',
			description: 'hostile',
		} ),
		partner: [ 'permissions', 'nope' ],
		fields: {
			request_id: REQUEST_ID_BAD,
			user_id: USER_ID_BAD(),
			permissions: PERMISSIONS_BAD,
			description: DESCRIPTION_BAD,
		},
	},
	{
		route: () => `${ NS }/connection`,
		valid: () => ( {
			request_id: requestId(),
			callback_url: `${ TARGET_URL }-connect`,
			permissions: 'read',
		} ),
		partner: [ 'user_id', 'abc' ],
		// The key arguments are the same as /keys: a sample of them here.
		fields: {
			callback_url: bad( BAD_URLS ),
			request_id: REQUEST_ID_BAD.slice( 0, 8 ),
			user_id: USER_ID_BAD().slice( 0, 15 ),
			permissions: PERMISSIONS_BAD.slice( 0, 8 ),
			description: DESCRIPTION_BAD.slice( 0, 8 ),
		},
	},
	{
		route: () => `${ NS }/webhooks`,
		valid: () => ( {
			request_id: requestId(),
			delivery_url: `${ TARGET_URL }-other`,
			topics: [ 'order.deleted' ],
			name: 'hostile',
		} ),
		partner: [ 'topics', [ 'order.nope' ] ],
		fields: {
			delivery_url: bad( BAD_URLS ),
			request_id: REQUEST_ID_BAD.slice( 0, 8 ),
			topics: TOPICS_BAD,
			name: NAME_BAD,
		},
	},
	{
		route: () => `${ NS }/settings`,
		valid: () => ( {
			api_mode: 'rest_v3',
			order_statuses: [ 'on-hold' ],
			keep_connection_on_uninstall: true,
		} ),
		partner: [ 'api_mode', 'nope' ],
		fields: {
			api_mode: API_MODE_BAD,
			order_statuses: ORDER_STATUSES_BAD,
			keep_connection_on_uninstall: BOOLEAN_BAD,
		},
	},
];

/**
 * One argument at a time broken, the rest valid, as JSON, form and query string; plus missing required
 * arguments and extra ones.
 */
function fieldCases(): Case[] {
	const cases: Case[] = [];
	let round = 0;
	for ( const fuzz of FUZZ() ) {
		for ( const [ field, values ] of Object.entries( fuzz.fields ) ) {
			for ( const badValue of values ) {
				// Every value as JSON; every third one also as a form body or in the query string, in turn.
				round++;
				const encodings: Array< 'json' | 'form' | 'query' > = [
					'json',
				];
				if ( round % 3 === 0 ) {
					// Query strings: no megabyte values (the web server answers those with 414 itself).
					encodings.push(
						round % 2 === 0 &&
							JSON.stringify( badValue.value ).length < 4000
							? 'query'
							: 'form'
					);
				}
				for ( const encoding of encodings ) {
					const alone =
						encoding === 'json'
							? badValue.alone
							: ( badValue.aloneAsForm ?? badValue.alone );
					const params: Record< string, Json | undefined > = {
						...fuzz.valid(),
						[ field ]: badValue.value,
						...( alone
							? {}
							: { [ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ] } ),
					};
					cases.push( {
						name: `admin: POST ${ fuzz.route() } ${ field }=${ JSON.stringify(
							badValue.value
						).slice(
							0,
							60
						) } as ${ encoding }${ alone ? '' : ' (+invalid partner)' }`,
						req: encodeRequest(
							fuzz.route(),
							params,
							encoding,
							round % 3 === 0
						),
					} );
				}
			}
		}
		// Every required argument missing; all arguments missing; unknown extra arguments; an invalid UTF-8 value.
		const valid = fuzz.valid();
		for ( const field of Object.keys( valid ) ) {
			const params: Record< string, Json | undefined > = {
				...valid,
				[ field ]: undefined,
				[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
			};
			cases.push( {
				name: `admin: POST ${ fuzz.route() } without ${ field } (+invalid partner)`,
				req: encodeRequest( fuzz.route(), params, 'json', false ),
			} );
		}
		const extras: Record< string, Json > = {};
		for ( let index = 0; index < 300; index++ ) {
			extras[ `extra_${ index }` ] = PAYLOADS[ index % PAYLOADS.length ];
		}
		cases.push(
			{
				name: `admin: POST ${ fuzz.route() } with 300 extra fields (+invalid partner)`,
				req: encodeRequest(
					fuzz.route(),
					{
						...valid,
						...extras,
						key_id: 1,
						consumer_secret: 'cs_x',
						user_pass: 'x',
						[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
					},
					'json',
					false
				),
			},
			{
				name: `admin: POST ${ fuzz.route() } with extra fields as form (+invalid partner)`,
				req: encodeRequest(
					fuzz.route(),
					{
						...valid,
						...extras,
						[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
					},
					'form',
					true
				),
			}
		);
		for ( const field of Object.keys( valid ) ) {
			const path = restPath( fuzz.route() );
			const body =
				formEncode( {
					...valid,
					[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
				} ) + `&${ field }=${ INVALID_UTF8_ENCODED }`;
			cases.push( {
				name: `admin: POST ${ fuzz.route() } ${ field } with invalid UTF-8 (form)`,
				req: {
					method: 'POST',
					path,
					headers: {
						...adminHeaders(),
						'Content-Type': 'application/x-www-form-urlencoded',
					},
					body,
				},
			} );
		}
		// The required fields missing for real (no partner): a body with nothing.
		if ( ! fuzz.route().endsWith( '/settings' ) ) {
			for ( const body of [ '{}', '[]', 'null', '""', '0' ] ) {
				cases.push( {
					name: `admin: POST ${ fuzz.route() } with body ${ body }`,
					req: {
						method: 'POST',
						path: restPath( fuzz.route() ),
						headers: adminJsonHeaders(),
						body,
					},
				} );
			}
		}
		for ( const body of INVALID_JSON ) {
			cases.push( {
				name: `admin: POST ${ fuzz.route() } with invalid JSON ${ JSON.stringify(
					body.toString().slice( 0, 30 )
				) }`,
				req: {
					method: 'POST',
					path: restPath( fuzz.route() ),
					headers: adminJsonHeaders(),
					body,
				},
			} );
		}
	}
	return cases;
}

/**
 * A POST carrying params as a JSON body, a form body or in the query string.
 *
 * @param route    Route.
 * @param params   Parameters.
 * @param encoding How they travel.
 * @param plain    Use the ?rest_route= form.
 */
function encodeRequest(
	route: string,
	params: Record< string, Json | undefined >,
	encoding: 'json' | 'form' | 'query',
	plain: boolean
): RawRequest {
	if ( encoding === 'query' ) {
		return {
			method: 'POST',
			path: restPath( route, formEncode( params ), plain ),
			headers: adminHeaders(),
		};
	}
	return {
		method: 'POST',
		path: restPath( route, '', plain ),
		headers: {
			...adminHeaders(),
			'Content-Type':
				encoding === 'json'
					? 'application/json'
					: 'application/x-www-form-urlencoded',
		},
		body:
			encoding === 'json'
				? JSON.stringify( params )
				: formEncode( params ),
	};
}

/** Ids in paths, readiness arguments and fix ids, as the shop manager. */
function pathAndQueryCases(): Case[] {
	const cases: Case[] = [];
	const keyRoutes = ID_SEGMENTS_BAD( foreignKey.key_id ).map( ( segment ) => [
		'DELETE',
		`${ NS }/keys/${ segment }`,
	] );
	const webhookRoutes = ID_SEGMENTS_BAD( foreignWebhookId ).flatMap(
		( segment ) => [
			[ 'DELETE', `${ NS }/webhooks/${ segment }` ],
			[ 'POST', `${ NS }/webhooks/${ segment }/test` ],
			[ 'POST', `${ NS }/webhooks/${ segment }/enable` ],
			[ 'POST', `${ NS }/webhooks/${ webhookIds[ 0 ] }/${ segment }` ],
		]
	);
	for ( const [ method, route ] of [ ...keyRoutes, ...webhookRoutes ] ) {
		cases.push( {
			name: `admin: ${ method } ${ route.slice( 0, 80 ) }`,
			req: {
				method,
				// Already percent-encoded segments: build the path by hand.
				path: `/wp-json${ route }`,
				headers: adminHeaders(),
			},
		} );
	}
	// An id in the body as well: WordPress lets body parameters override the route's own, so whichever id wins
	// it must still be refused when it is not one of the plugin's.
	const bodyIds: Array< [ string, Json ] > = [
		[ `${ NS }/keys/999999999`, foreignKey.key_id ],
		[ `${ NS }/keys/999999999`, '1 OR 1=1' ],
		[ `${ NS }/webhooks/999999999`, foreignWebhookId ],
		[ `${ NS }/webhooks/999999999/test`, -1 ],
	];
	for ( const [ route, id ] of bodyIds ) {
		cases.push( {
			name: `admin: ${ route } with id ${ id } in the body`,
			req: {
				method: route.endsWith( 'test' ) ? 'POST' : 'DELETE',
				path: restPath( route ),
				headers: adminJsonHeaders(),
				body: JSON.stringify( { id } ),
			},
		} );
	}
	for ( const segment of FIX_SEGMENTS_BAD ) {
		for ( const method of [ 'POST', 'DELETE' ] ) {
			cases.push( {
				name: `admin: ${ method } readiness fix ${ segment.slice( 0, 40 ) }`,
				req: {
					method,
					path: `/wp-json${ NS }/readiness/fixes/${ segment }`,
					headers: adminHeaders(),
				},
			} );
		}
	}
	// Fixes that change a WordPress setting cannot be removed: 400, nothing changes.
	for ( const fix of [ 'permalinks', 'legacy_api' ] ) {
		cases.push( {
			name: `admin: DELETE readiness fix ${ fix }`,
			req: {
				method: 'DELETE',
				path: restPath( `${ NS }/readiness/fixes/${ fix }` ),
				headers: adminHeaders(),
			},
			expect: [ 400 ],
		} );
	}
	for ( const fresh of [
		'maybe',
		'2',
		'-1',
		'yes',
		'%5B%5D',
		'%FF',
		'1%20OR%201%3D1',
		'%3Cscript%3E',
		'a'.repeat( 4000 ),
	] ) {
		for ( const plain of [ false, true ] ) {
			cases.push( {
				name: `admin: GET readiness?fresh=${ fresh.slice( 0, 30 ) }`,
				req: {
					method: 'GET',
					path: restPath(
						`${ NS }/readiness`,
						`fresh=${ fresh }`,
						plain
					),
					headers: adminHeaders(),
				},
				expect: [ 400 ],
			} );
		}
	}
	for ( const query of [
		'fresh[]=1',
		'fresh[a]=1',
		'fresh[]=true&fresh[]=false',
	] ) {
		cases.push( {
			name: `admin: GET readiness?${ query }`,
			req: {
				method: 'GET',
				path: restPath( `${ NS }/readiness`, encodeURI( query ) ),
				headers: adminHeaders(),
			},
			expect: [ 400 ],
		} );
	}
	return cases;
}

/** The health route: anonymous by design, so garbage credentials of every kind. */
function healthCases(): Case[] {
	const cases: Case[] = [];
	const basic = ( raw: string | Buffer ) =>
		'Basic ' + Buffer.from( raw ).toString( 'base64' );
	const authorizations = [
		'Basic !!!not-base64!!!',
		'Basic ',
		basic( ':' ),
		basic( 'ck_only' ),
		basic( `ck_${ 'a'.repeat( 4000 ) }:cs_x` ),
		basic( "ck_' OR '1'='1:cs_' OR '1'='1" ),
		basic( 'ck_<script>:cs_<script>' ),
		basic(
			Buffer.concat( [
				Buffer.from( 'ck_' ),
				INVALID_UTF8,
				Buffer.from( ':cs' ),
			] )
		),
		basic( `${ foreignKey.consumer_key }:cs_wrong` ),
		basic(
			`${ foreignKey.consumer_key.toUpperCase() }:${ foreignKey.consumer_secret }`
		),
		'Bearer eyJhbGciOiJub25lIn0.e30.',
		'Digest username="ck_x", realm="x"',
		'Basic a b c',
	];
	const queries = [
		'details=maybe',
		'details=2',
		'details[]=1',
		'details=%FF',
		'consumer_key[]=x&consumer_secret[]=y',
		'consumer_key[a]=x',
		`consumer_key=${ encodeURIComponent( "ck_' OR '1'='1" ) }&consumer_secret=x`,
		`consumer_key=ck_%FF%FE&consumer_secret=cs_%00`,
		`consumer_key=${ foreignKey.consumer_key }&consumer_secret=cs_wrong`,
		`consumer_key=${ foreignKey.consumer_key }`,
		`consumer_secret=${ foreignKey.consumer_secret }`,
		`consumer_key=&consumer_secret=`,
		`consumer_key=${ 'a'.repeat( 4000 ) }`,
		'oauth_consumer_key=ck_x&oauth_signature=x&oauth_signature_method=HMAC-SHA1&oauth_nonce=x&oauth_timestamp=1',
		'_wpnonce=garbage',
		'_method=DELETE',
	];
	for ( const plain of [ false, true ] ) {
		for ( const authorization of authorizations ) {
			cases.push( {
				name: `health with Authorization ${ authorization.slice( 0, 40 ) }${
					plain ? ' (?rest_route=)' : ''
				}`,
				req: {
					method: 'GET',
					path: restPath( HEALTH, '', plain ),
					headers: { Authorization: authorization },
				},
				expect: [ 200, 401 ],
				health: true,
			} );
		}
		for ( const query of queries ) {
			cases.push( {
				name: `health?${ query.slice( 0, 50 ) }${ plain ? ' (?rest_route=)' : '' }`,
				req: {
					method: 'GET',
					path: restPath(
						HEALTH,
						encodeURI( query ).replace( /%25/g, '%' ),
						plain
					),
				},
				// ?_method=DELETE turns the GET into a DELETE, which the route does not have: 404. A _wpnonce that
				// does not verify is a 403 from WordPress even without a cookie.
				expect: [ 200, 400, 401, 403, 404 ],
				health: true,
			} );
		}
		for ( const method of [ 'POST', 'PUT', 'PATCH', 'DELETE' ] ) {
			cases.push( {
				name: `health ${ method }${ plain ? ' (?rest_route=)' : '' }`,
				req: {
					method,
					path: restPath( HEALTH, '', plain ),
					headers: { 'Content-Type': 'application/json' },
					body: '{"details":true,"status":"hacked"}',
				},
				expect: [ 404 ],
			} );
		}
		// A browser session at the health route: the admin's cookie with a garbage nonce must not turn into a diagnosis.
		cases.push( {
			name: `health with the admin's cookie and a garbage nonce${ plain ? ' (?rest_route=)' : '' }`,
			req: {
				method: 'GET',
				path: restPath( HEALTH, 'details=1', plain ),
				headers: { Cookie: admin.cookie, 'X-WP-Nonce': 'garbage' },
			},
			expect: [ 401, 403 ],
			health: true,
		} );
	}
	// The readiness loopback probe (admin-ajax): without the one-time token it answers 403 and nothing else.
	for ( const token of [
		'',
		'garbage',
		'a'.repeat( 4000 ),
		...PAYLOADS.slice( 0, 6 ),
	] ) {
		for ( const method of [ 'GET', 'POST' ] ) {
			cases.push( {
				name: `loopback probe ${ method } with token ${ token.slice( 0, 30 ) }`,
				req: {
					method,
					path: '/wp-admin/admin-ajax.php?action=flashnode_connector_probe',
					headers: token
						? { 'X-Flashnode-Probe': encodeURIComponent( token ) }
						: {},
				},
				expect: [ 403 ],
			} );
		}
	}
	return cases;
}

// ---------------------------------------------------------------- set-up

test.beforeAll( async () => {
	test.setTimeout( 120_000 );
	agent = new Agent( { keepAlive: true, maxSockets: CONCURRENCY } );
	admin = startSession( shop.user, 'administrator' );
	customer = startSession( CUSTOMER, 'customer' );
	ended = startSession( shop.user, 'administrator' );
	endSession( ended );
	foreignKey = createApiKey( 'read_write' );
	foreignWebhookId = foreignWebhook( TARGET_URL );

	// Real targets for the requests that must not act: a key and two webhooks of the plugin.
	const keyRequest = requestId();
	setupRequestIds.create_key.push( keyRequest );
	const key = await sessionJson(
		admin,
		'POST',
		`${ NS }/keys`,
		{
			request_id: keyRequest,
			permissions: 'read',
			description: 'Flashnode hostile-input target',
		},
		agent
	);
	expect( key.status, key.body ).toBe( 201 );
	keyId = key.json.key.key_id;
	const hookRequest = requestId();
	setupRequestIds.register_webhooks.push( hookRequest );
	const hooks = await sessionJson(
		admin,
		'POST',
		`${ NS }/webhooks`,
		{
			request_id: hookRequest,
			delivery_url: TARGET_URL,
			topics: [ 'order.created', 'order.updated' ],
			name: 'Flashnode hostile-input target',
		},
		agent
	);
	expect( hooks.status, hooks.body ).toBe( 201 );
	webhookIds = hooks.json.created;
	expect( webhookIds ).toHaveLength( 2 );

	// Reads that tidy the plugin's id lists and fill the readiness cache, so the "before" snapshot is settled.
	for ( const route of [
		'keys',
		'webhooks',
		'connection',
		'settings',
		'readiness',
	] ) {
		const read = await sessionJson(
			admin,
			'GET',
			`${ NS }/${ route }`,
			undefined,
			agent
		);
		expect( read.status, read.body ).toBe( 200 );
	}
} );

test.afterAll( async () => {
	if ( keyId ) {
		await sessionJson(
			admin,
			'DELETE',
			`${ NS }/keys/${ keyId }`,
			undefined,
			agent
		);
	}
	for ( const id of webhookIds ?? [] ) {
		await sessionJson(
			admin,
			'DELETE',
			`${ NS }/webhooks/${ id }`,
			undefined,
			agent
		);
	}
	forgetClaims( 'create_key', ...setupRequestIds.create_key );
	forgetClaims( 'register_webhooks', ...setupRequestIds.register_webhooks );
	if ( foreignKey ) {
		deleteApiKey( foreignKey );
	}
	if ( foreignWebhookId ) {
		deleteWebhook( foreignWebhookId );
	}
	endSession( admin );
	endSession( customer );
	deleteUser( CUSTOMER );
	agent?.destroy();
} );

// ---------------------------------------------------------------- the tests

/**
 * Lines about PHP problems in the logs since the offsets.
 *
 * @param offsets From logOffsets(LOGS).
 */
function problemLines( offsets: number[] ): string[] {
	return (
		logTextSince( LOGS, offsets )
			.flatMap( ( text ) => text.split( '\n' ) )
			.filter( ( line ) => PROBLEM_LINE.test( line ) )
			// WordPress's own update checks run from WP-Cron during any request and fail with outbound HTTP blocked
			// in the test stack; they do not come from the requests' input.
			.filter(
				( line ) =>
					! /wp_update_(themes|plugins)\(\)|wp_version_check\(\)/.test(
						line
					)
			)
			// Known, reported, not from the plugin's files: on the ?rest_route= form of the health route with a
			// wrong API key, WooCommerce's admin feature loader calls current_user_can() at plugins_loaded, which
			// runs WooCommerce's key authentication (the plugin opts ?rest_route= health calls into it), whose
			// error message calls __( …, 'woocommerce' ) before init, so WordPress 6.7+ logs
			// "_load_textdomain_just_in_time … woocommerce domain was triggered too early"
			// (woocommerce/includes/class-wc-rest-authentication.php, lines 212 and 370). The answer is the right 401.
			.filter(
				( line ) =>
					! /_load_textdomain_just_in_time was called <strong>incorrectly<\/strong>\. Translation loading for the <code>woocommerce<\/code> domain/.test(
						line
					)
			)
	);
}

/**
 * What is wrong with one answer, or null.
 *
 * @param item     The case.
 * @param response Its response.
 */
function problemWith(
	item: Case,
	response: RawResponse | Error
): string | null {
	if ( response instanceof Error ) {
		return `${ item.name }: ${ response.message }`;
	}
	const { status } = response;
	if ( status >= 500 || status === 0 ) {
		return `${ item.name }: HTTP ${ status } ${ response.body.slice( 0, 300 ) }`;
	}
	const allowed = item.expect;
	if (
		allowed ? ! allowed.includes( status ) : status < 400 || status >= 500
	) {
		return `${ item.name }: HTTP ${ status }, expected ${
			allowed ? allowed.join( '/' ) : '4xx'
		}: ${ response.body.slice( 0, 300 ) }`;
	}
	if ( item.health && status === 200 ) {
		let keys: string[] = [];
		try {
			keys = Object.keys( JSON.parse( response.body ) ).sort();
		} catch {}
		if (
			keys.join( ',' ) !==
			'details_require_key,plugin_version,status,time_utc'
		) {
			return `${ item.name }: garbage credentials got more than the anonymous summary: ${ response.body.slice( 0, 300 ) }`;
		}
	}
	return null;
}

test( 'over 1,000 malformed requests across every route: no 5xx, every one refused, no PHP notice, no change in the database', async () => {
	// About 1,500 requests through WordPress on a 2-core machine: 70 s when it is otherwise idle.
	test.setTimeout( 600_000 );
	const cases = [
		...badAuthenticationCases(),
		...wrongMethodCases(),
		...fieldCases(),
		...pathAndQueryCases(),
		...healthCases(),
	];
	expect( cases.length ).toBeGreaterThanOrEqual( 1000 );

	const before = dbSnapshot();
	const offsets = logOffsets( LOGS );
	const started = Date.now();
	const durations: number[] = new Array( cases.length );
	const responses = await pool( cases, CONCURRENCY, async ( item, index ) => {
		const start = Date.now();
		const response = await send( item.req, agent ).catch(
			( error: Error ) => error
		);
		durations[ index ] = Date.now() - start;
		return response;
	} );
	const seconds = ( Date.now() - started ) / 1000;
	const slowest = durations
		.map(
			( ms, index ) =>
				`${ ms } ms ${ cases[ index ].name.slice( 0, 120 ) }`
		)
		.sort( ( a, b ) => parseInt( b, 10 ) - parseInt( a, 10 ) )
		.slice( 0, 5 );
	// Let Apache flush its logs.
	await new Promise( ( resolve ) => setTimeout( resolve, 500 ) );

	const summary = `${ cases.length } malformed requests in ${ seconds.toFixed(
		1
	) } s with ${ CONCURRENCY } in flight; slowest: ${ slowest.join( '; ' ) }`;
	// eslint-disable-next-line no-console -- the count is part of the proof.
	console.log( summary );
	test.info().annotations.push( { type: 'requests', description: summary } );

	const problems = cases
		.map( ( item, index ) => problemWith( item, responses[ index ] ) )
		.filter( ( problem ): problem is string => problem !== null );
	// Soft: one run reports all three.
	expect.soft( problems, 'answers that were not as expected' ).toEqual( [] );
	expect.soft( problemLines( offsets ), 'PHP problems logged' ).toEqual( [] );
	expect
		.soft( dbSnapshot(), 'database after the hostile requests' )
		.toEqual( before );
} );

test( 'JSON bodies that are not objects, and multipart without a boundary: no 5xx, no change; PHP warnings only from WordPress core, none from the plugin', async () => {
	// WordPress core (WP_REST_Request::sanitize_params(), wp-includes/rest-api/class-wp-rest-request.php) warns
	// "foreach() argument must be of type array|object" for a JSON body that is a bare string, number or
	// boolean on any route with optional arguments, and PHP itself warns "Missing boundary in
	// multipart/form-data POST data" before WordPress loads. Neither passes through the plugin; this test
	// keeps both out of the strict test above and checks that the plugin adds nothing to them.
	const cases: Case[] = [];
	for ( const route of [
		`${ NS }/settings`,
		`${ NS }/keys`,
		`${ NS }/webhooks`,
		`${ NS }/connection`,
	] ) {
		for ( const body of [ '"string"', '123', 'true', '1.5' ] ) {
			cases.push( {
				name: `admin: POST ${ route } with JSON ${ body }`,
				req: {
					method: 'POST',
					path: restPath( route ),
					headers: adminJsonHeaders(),
					body,
				},
				// /settings has no required argument: such a body changes nothing and answers the settings.
				expect: route.endsWith( '/settings' ) ? [ 200 ] : [ 400 ],
			} );
		}
		cases.push( {
			name: `admin: POST ${ route } multipart without boundary`,
			req: {
				method: 'POST',
				path: restPath( route ),
				headers: {
					...adminHeaders(),
					'Content-Type': 'multipart/form-data',
				},
				body: 'api_mode=rest_v3',
			},
			expect: route.endsWith( '/settings' ) ? [ 200 ] : [ 400 ],
		} );
	}
	const before = dbSnapshot();
	const settingsBefore = (
		await sessionJson( admin, 'GET', `${ NS }/settings` )
	).json;
	const offsets = logOffsets( LOGS );
	const responses = await pool( cases, CONCURRENCY, ( item ) =>
		send( item.req, agent ).catch( ( error: Error ) => error )
	);
	await new Promise( ( resolve ) => setTimeout( resolve, 500 ) );
	const problems = cases
		.map( ( item, index ) => problemWith( item, responses[ index ] ) )
		.filter( ( problem ): problem is string => problem !== null );
	expect( problems ).toEqual( [] );
	const notFromCore = problemLines( offsets ).filter(
		( line ) =>
			! /wp-includes\/rest-api\/class-wp-rest-request\.php|Missing boundary in multipart\/form-data POST data in Unknown/.test(
				line
			)
	);
	expect(
		notFromCore,
		'PHP problems other than the known core ones'
	).toEqual( [] );
	// /settings answers such a body with the settings (it names no setting to change), and stores them again as
	// they are; so its option is compared by value, everything else byte for byte.
	const withoutSettings = ( snapshot: unknown ) => {
		const copy = JSON.parse( JSON.stringify( snapshot ) ) as {
			options: Array< { option_name: string } >;
		};
		copy.options = copy.options.filter(
			( row ) => row.option_name !== 'flashnode_connector_settings'
		);
		return copy;
	};
	expect( withoutSettings( dbSnapshot() ) ).toEqual(
		withoutSettings( before )
	);
	expect(
		( await sessionJson( admin, 'GET', `${ NS }/settings` ) ).json
	).toEqual( settingsBefore );
} );

test( 'a callback URL that redirects: the hand-off does not follow it and leaves no key behind', async () => {
	// Two HTTPS receivers on loopback with the shop's own certificate (trusted by WordPress in the test stack):
	// the first answers every request with a redirect to the second, which must never be reached, since the
	// body carries the consumer secret.
	const tls = {
		cert: readFileSync( shop.caFile.replace( /ca\.pem$/, 'server.pem' ) ),
		key: readFileSync(
			shop.caFile.replace( /ca\.pem$/, 'server-key.pem' )
		),
	};
	const reachedTarget: string[] = [];
	const target = createServer( tls, ( req, res ) => {
		let body = '';
		req.on( 'data', ( chunk ) => ( body += chunk ) );
		req.on( 'end', () => {
			reachedTarget.push( body );
			res.writeHead( 200, { 'Content-Type': 'application/json' } ).end(
				'{}'
			);
		} );
	} );
	const redirector = createServer( tls, ( req, res ) => {
		req.resume();
		req.on( 'end', () => {
			const location = req.url?.includes( 'metadata' )
				? 'https://169.254.169.254/latest/meta-data/'
				: `https://127.0.0.1:${ ( target.address() as AddressInfo ).port }/stolen`;
			res.writeHead( req.url?.includes( '307' ) ? 307 : 302, {
				Location: location,
			} ).end();
		} );
	} );
	const listen = ( server: Server ) =>
		new Promise< number >( ( resolve ) =>
			server.listen( 0, '127.0.0.1', () =>
				resolve( ( server.address() as AddressInfo ).port )
			)
		);
	await listen( target );
	const port = await listen( redirector );
	const requestIds: string[] = [];
	try {
		const before = dbSnapshot() as { api_keys: unknown; webhooks: unknown };
		const offsets = logOffsets( LOGS );
		for ( const path of [
			'/callback-302',
			'/callback-307',
			'/metadata',
		] ) {
			const id = requestId();
			requestIds.push( id );
			const response = await sessionJson(
				admin,
				'POST',
				`${ NS }/connection`,
				{
					request_id: id,
					callback_url: `https://127.0.0.1:${ port }${ path }`,
				},
				agent
			);
			expect( response.status, response.body ).toBe( 424 );
			expect( response.json.code ).toBe( 'flashnode_handoff_failed' );
		}
		expect( reachedTarget, 'requests that followed the redirect' ).toEqual(
			[]
		);
		const after = dbSnapshot() as { api_keys: unknown; webhooks: unknown };
		// The failed hand-offs claimed their request ids (by design: a retry of the same click gets a 409); the
		// keys they created for the hand-off were deleted again.
		expect( after.api_keys ).toEqual( before.api_keys );
		expect( after.webhooks ).toEqual( before.webhooks );
		expect( problemLines( offsets ) ).toEqual( [] );
	} finally {
		forgetClaims( 'connect', ...requestIds );
		redirector.close();
		target.close();
	}
} );
