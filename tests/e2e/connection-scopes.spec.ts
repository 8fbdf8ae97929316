/**
 * Each service's key can do what its scopes say and nothing else, checked with the keys themselves: a matrix of
 * WooCommerce's REST API (wc/v3), the Legacy REST API (wc-api/v3) and our feed × scope sets. Allowed calls
 * answer 2xx; refused ones answer WooCommerce's own (or the feed's) 401/403 with its code. An administrator's
 * key, what 0.4 handed over, is the control: it may rewrite the bank details customers pay to.
 */
import type { Handoff } from '../../src/puller/contract';
import type { Receiver } from '../../src/puller/receiver';
import { openContexts, type Contexts } from './api-contexts';
import {
	approve,
	callWith,
	connections,
	disconnect,
	startService,
} from './connect-service';
import { expect, test } from './fixtures';
import { LEGACY_API_FILE, wp } from './shop';
import {
	createApiKey,
	createSampleOrder,
	deleteApiKey,
	deleteOrders,
	type ApiKey,
} from './support';

type Scope =
	| 'orders:read'
	| 'orders:write'
	| 'products:read'
	| 'products:write'
	| 'customers:read';

interface Route {
	method: string;
	/** {order} and {product} are replaced with the test's order and a product. */
	path: string;
	body?: unknown | ( ( ids: { order: number } ) => unknown );
	/** The scope that allows it; 'never' for what no scope allows. */
	needs: Scope | 'never';
}

const V3 = '/wp-json/wc/v3';
const ROUTES: Route[] = [
	{ method: 'GET', path: `${ V3 }/orders`, needs: 'orders:read' },
	{ method: 'GET', path: `${ V3 }/orders/{order}`, needs: 'orders:read' },
	{
		method: 'GET',
		path: `${ V3 }/orders/{order}/notes`,
		needs: 'orders:read',
	},
	{
		method: 'PUT',
		path: `${ V3 }/orders/{order}`,
		body: { customer_note: 'Scope test' },
		needs: 'orders:write',
	},
	{
		method: 'POST',
		path: `${ V3 }/orders/{order}/notes`,
		body: { note: 'Scope test' },
		needs: 'orders:write',
	},
	{ method: 'GET', path: `${ V3 }/products`, needs: 'products:read' },
	{
		method: 'GET',
		path: `${ V3 }/products/{product}`,
		needs: 'products:read',
	},
	{
		method: 'POST',
		path: `${ V3 }/products/{product}`,
		body: { featured: false },
		needs: 'products:write',
	},
	{ method: 'GET', path: `${ V3 }/customers`, needs: 'customers:read' },
	{ method: 'GET', path: `${ V3 }/settings/general`, needs: 'never' },
	{
		method: 'PUT',
		path: `${ V3 }/settings/general/woocommerce_store_city`,
		body: { value: 'Scope test' },
		needs: 'never',
	},
	{ method: 'GET', path: `${ V3 }/payment_gateways`, needs: 'never' },
	{
		method: 'PUT',
		path: `${ V3 }/payment_gateways/bacs`,
		body: { description: 'Pay to IBAN FI00 0000 0000 0000 00' },
		needs: 'never',
	},
	{ method: 'GET', path: `${ V3 }/system_status`, needs: 'never' },
	{ method: 'GET', path: `${ V3 }/system_status/tools`, needs: 'never' },
	{
		method: 'PUT',
		path: `${ V3 }/system_status/tools/clear_transients`,
		body: {},
		needs: 'never',
	},
	{ method: 'GET', path: `${ V3 }/coupons`, needs: 'never' },
	{
		method: 'POST',
		path: `${ V3 }/coupons`,
		body: { code: 'flashnode-scope-test' },
		needs: 'never',
	},
	{ method: 'GET', path: `${ V3 }/webhooks`, needs: 'never' },
	{
		method: 'POST',
		path: `${ V3 }/webhooks`,
		body: { topic: 'order.created', delivery_url: 'https://example.com/x' },
		needs: 'never',
	},
	{ method: 'GET', path: `${ V3 }/reports/sales`, needs: 'never' },
	{ method: 'GET', path: `${ V3 }/taxes`, needs: 'never' },
	{ method: 'GET', path: `${ V3 }/shipping/zones`, needs: 'never' },
	// Orders:write edits orders; deleting one is not part of it.
	{ method: 'DELETE', path: `${ V3 }/orders/{order}`, needs: 'never' },
	{
		method: 'GET',
		path: '/wp-json/wc-flashnode/v1/changes?after=0&limit=1',
		needs: 'orders:read',
	},
	{
		method: 'POST',
		path: '/wp-json/wc-flashnode/v1/acks',
		body: ( ids: { order: number } ) => ( { order_ids: [ ids.order ] } ),
		needs: 'orders:write',
	},
	// The Legacy API's counts: each checks the capability itself (its lists skip what the user may not read and
	// answer 200 with fewer items, which says less).
	{ method: 'GET', path: '/wc-api/v3/orders/count', needs: 'orders:read' },
	{
		method: 'GET',
		path: '/wc-api/v3/products/count',
		needs: 'products:read',
	},
	{
		method: 'GET',
		path: '/wc-api/v3/customers/count',
		needs: 'customers:read',
	},
	{ method: 'GET', path: '/wc-api/v3/coupons/count', needs: 'never' },
	{ method: 'GET', path: '/wc-api/v3/webhooks/count', needs: 'never' },
	{ method: 'GET', path: '/wc-api/v3/reports/sales', needs: 'never' },
];

const SCOPE_SETS: Scope[][] = [
	[ 'orders:read', 'orders:write', 'products:read' ],
	[ 'orders:read' ],
	[ 'orders:read', 'products:write' ],
	[
		'orders:read',
		'orders:write',
		'products:read',
		'products:write',
		'customers:read',
	],
];

test.describe.configure( { mode: 'serial' } );

let contexts: Contexts;
let receiver: Receiver;
let admin: ApiKey;
let order: number;
let product: number;

const fill = ( text: string ) =>
	text
		.replace( '{order}', String( order ) )
		.replace( '{product}', String( product ) );

async function call(
	key: Pick< Handoff, 'consumer_key' | 'consumer_secret' >,
	route: Route
) {
	const body =
		typeof route.body === 'function' ? route.body( { order } ) : route.body;
	const response = await callWith(
		key,
		route.method,
		fill( route.path ),
		body
	);
	let code = '';
	try {
		const answer = JSON.parse( response.body );
		// WooCommerce's REST API says { code }, its Legacy API { errors: [ { code } ] }.
		code = String( answer.code ?? answer.errors?.[ 0 ]?.code ?? '' );
	} catch {}
	return { status: response.status, code };
}

test.beforeAll( async () => {
	contexts = await openContexts();
	receiver = await startService();
	admin = createApiKey( 'read_write' );
	order = createSampleOrder( 'processing' );
	const products = JSON.parse(
		( await callWith( admin, 'GET', `${ V3 }/products?per_page=1` ) ).body
	);
	product = products[ 0 ].id;
	// The Legacy REST API, as the services that still read it need it.
	wp( 'plugin', 'activate', LEGACY_API_FILE );
	wp( 'option', 'update', 'woocommerce_api_enabled', 'yes' );
} );

test.afterAll( async () => {
	for ( const connection of await connections( contexts ) ) {
		await disconnect( contexts, connection.id );
	}
	wp( 'option', 'update', 'woocommerce_api_enabled', 'no' );
	wp( 'plugin', 'deactivate', LEGACY_API_FILE );
	deleteApiKey( admin );
	deleteOrders( [ order ] );
	await receiver?.close();
	await contexts?.dispose();
} );

test( "the control: an administrator's key (what 0.4 handed over) may read the shop's settings and rewrite the bank details", async () => {
	const bacs = JSON.parse(
		( await callWith( admin, 'GET', `${ V3 }/payment_gateways/bacs` ) ).body
	);
	expect(
		( await callWith( admin, 'GET', `${ V3 }/settings/general` ) ).status
	).toBe( 200 );
	expect(
		( await callWith( admin, 'GET', `${ V3 }/customers` ) ).status
	).toBe( 200 );
	// Written back unchanged: the point is that it is allowed.
	const put = await callWith( admin, 'PUT', `${ V3 }/payment_gateways/bacs`, {
		description: bacs.description,
	} );
	expect( put.status ).toBe( 200 );
} );

for ( const scopes of SCOPE_SETS ) {
	test( `scopes ${ scopes.join( ',' ) }: allowed routes 2xx, every other one refused with WooCommerce's own code`, async () => {
		const handoff = await approve( contexts, receiver, {
			name: 'QA ERP',
			baseUrl: receiver.url,
			scopes: scopes.join( ',' ),
		} );
		expect( handoff.scopes ).toEqual( scopes );
		expect( handoff.key_permissions ).toBe(
			scopes.some( ( scope ) => scope.endsWith( ':write' ) )
				? 'read_write'
				: 'read'
		);
		const outcomes: string[] = [];
		for ( const route of ROUTES ) {
			const allowed =
				route.needs !== 'never' && scopes.includes( route.needs );
			const { status, code } = await call( handoff, route );
			const ok = allowed
				? status >= 200 && status < 300
				: ( status === 401 || status === 403 ) &&
					/^(woocommerce_|flashnode_)/.test( code );
			outcomes.push(
				`${ ok ? 'ok ' : 'BAD' } ${ route.method } ${ route.path } → ${ status } ${ code } (${ allowed ? 'allowed' : 'refused' })`
			);
		}
		expect(
			outcomes.filter( ( line ) => line.startsWith( 'BAD' ) ),
			outcomes.join( '\n' )
		).toEqual( [] );
		test.info().annotations.push( {
			type: 'matrix',
			description: outcomes.join( '\n' ),
		} );

		// The connection's card lists what WooCommerce refused the service, with the scope that would allow it.
		const [ connection ] = await connections( contexts );
		const refusals = connection.refusals as Array< {
			method: string;
			route: string;
			needs: string | null;
		} >;
		expect( refusals.length ).toBeGreaterThan( 0 );
		for ( const refusal of refusals ) {
			expect( scopes ).not.toContain( refusal.needs );
		}
		// The Legacy API (not WP REST) is watched too: its refusals came last, so they are the newest.
		const legacyRefused = ROUTES.filter(
			( route ) =>
				route.path.startsWith( '/wc-api/' ) &&
				( route.needs === 'never' || ! scopes.includes( route.needs ) )
		).reverse();
		expect(
			refusals
				.slice( 0, legacyRefused.length )
				.map(
					( refusal ) =>
						`${ refusal.method } ${ refusal.route } ${ refusal.needs }`
				)
		).toEqual(
			legacyRefused.map(
				( route ) =>
					`${ route.method } ${ route.path } ${
						route.needs === 'never' ? null : route.needs
					}`
			)
		);
		if ( ! scopes.includes( 'orders:write' ) ) {
			expect( refusals[ legacyRefused.length ] ).toMatchObject( {
				route: '/wp-json/wc-flashnode/v1/acks'.replace(
					'/wp-json',
					''
				),
				needs: 'orders:write',
			} );
		}

		// The health diagnosis says what the key may do.
		const health = JSON.parse(
			(
				await callWith(
					handoff,
					'GET',
					'/wp-json/wc-flashnode/v1/health?details=true'
				)
			).body
		);
		expect( health.credentials.key.scopes ).toEqual( scopes );
	} );
}

test( "a note written with a service's key names the service: its own user is the author", async () => {
	const handoff = await approve( contexts, receiver, {
		name: 'QA ERP',
		baseUrl: receiver.url,
	} );
	const note = await callWith(
		handoff,
		'POST',
		`${ V3 }/orders/${ order }/notes`,
		{
			note: 'Sent to the ERP',
			// WooCommerce attributes a note to the key's user only when asked; otherwise to "WooCommerce".
			added_by_user: true,
		}
	);
	expect( note.status ).toBe( 201 );
	const written = JSON.parse( note.body );
	expect( written.author ).toBe( 'QA ERP' );
	const [ connection ] = await connections( contexts );
	expect( connection.user ).toMatchObject( {
		login: 'flashnode-qa-erp',
		name: 'QA ERP',
	} );
	expect( connection.broader_than_needed ).toBe( false );

	// The plugin's own "Transferred to …" note of an acknowledgement is the service's too.
	const ack = await callWith(
		handoff,
		'POST',
		'/wp-json/wc-flashnode/v1/acks',
		{ order_ids: [ order ] }
	);
	expect( ack.status ).toBe( 200 );
	const notes = JSON.parse(
		( await callWith( admin, 'GET', `${ V3 }/orders/${ order }/notes` ) )
			.body
	) as Array< { note: string; author: string } >;
	expect(
		notes.find( ( item ) => item.note.startsWith( 'Transferred to' ) )
			?.author
	).toBe( 'QA ERP' );
} );
