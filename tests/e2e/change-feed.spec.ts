/**
 * The order change feed and acknowledgements over real HTTP: WooCommerce's key authentication (read vs write),
 * the answer's shape, include=orders against WooCommerce's own wc/v3 answer, paging without skips while several
 * writers create and change orders through WooCommerce's REST API, and the owner's view in the orders list.
 */
import { type APIRequestContext } from '@playwright/test';

import type { Change, FeedPage as Page } from '../../src/puller/feed-client';
import { serverContext } from './api-contexts';
import { expect, test } from './fixtures';
import { join } from 'node:path';

import { readShop, wp, type Shop } from './shop';
import {
	basicAuth,
	createApiKey,
	deleteApiKey,
	deleteOrders,
	type ApiKey,
} from './support';

const shop = readShop() as Shop & { hpos?: boolean };
const FEED = '/wp-json/wc-flashnode/v1/changes';
const ACKS = '/wp-json/wc-flashnode/v1/acks';

let api: APIRequestContext;
let readKey: ApiKey;
let writeKey: ApiKey;
let readWriteKey: ApiKey;
const created: number[] = [];

test.beforeAll( async () => {
	api = await serverContext();
	readKey = createApiKey( 'read' );
	writeKey = createApiKey( 'write' );
	readWriteKey = createApiKey( 'read_write' );
} );

test.afterAll( async () => {
	deleteOrders( created );
	for ( const key of [ readKey, writeKey, readWriteKey ] ) {
		deleteApiKey( key );
	}
	await api.dispose();
} );

async function feed(
	params: Record< string, string | number >,
	key: ApiKey = readKey
): Promise< Page > {
	const response = await api.get( FEED, {
		params,
		headers: { Authorization: basicAuth( key ) },
	} );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as Page;
}

/** The newest cursor the feed serves now: a "since" in the future starts there. */
async function head(): Promise< number > {
	return ( await feed( { since: '2100-01-01', limit: 1 } ) ).next_cursor;
}

async function createOrder( status = 'processing' ): Promise< number > {
	const response = await api.post( '/wp-json/wc/v3/orders', {
		data: {
			status,
			billing: { first_name: 'Feed', email: 'feed@example.com' },
		},
		headers: { Authorization: basicAuth( readWriteKey ) },
	} );
	expect( response.status(), await response.text() ).toBe( 201 );
	const id = ( ( await response.json() ) as { id: number } ).id;
	created.push( id );
	return id;
}

async function updateOrder( id: number, data: Record< string, unknown > ) {
	const response = await api.put( `/wp-json/wc/v3/orders/${ id }`, {
		data,
		headers: { Authorization: basicAuth( readWriteKey ) },
	} );
	expect( response.status(), await response.text() ).toBe( 200 );
}

test( 'keys: none, read-only, write-only and wrong secrets get stable refusals; every answer is no-store', async () => {
	const anonymous = await api.get( FEED, { params: { after: 0 } } );
	expect( anonymous.status() ).toBe( 401 );
	expect( ( await anonymous.json() ).code ).toBe(
		'flashnode_feed_key_required'
	);
	expect( anonymous.headers()[ 'cache-control' ] ).toContain( 'no-store' );

	const writeOnly = await api.get( FEED, {
		params: { after: 0 },
		headers: { Authorization: basicAuth( writeKey ) },
	} );
	expect( writeOnly.status() ).toBe( 403 );
	expect( ( await writeOnly.json() ).code ).toBe(
		'flashnode_feed_key_cannot_read'
	);

	const readOnlyAck = await api.post( ACKS, {
		data: { order_ids: [ 1 ] },
		headers: { Authorization: basicAuth( readKey ) },
	} );
	expect( readOnlyAck.status() ).toBe( 403 );
	expect( ( await readOnlyAck.json() ).code ).toBe(
		'flashnode_acks_key_cannot_write'
	);
	expect( readOnlyAck.headers()[ 'cache-control' ] ).toContain( 'no-store' );

	// A method the route lacks is WordPress's own 404 whatever the key may do (WooCommerce judges a key by the
	// method before WordPress looks for a handler; a read-only key's POST was a 403 "lacks read permission").
	const unsupported: Array< [ string, string, ApiKey | null, string ] > = [
		[ 'POST', FEED, readKey, 'read-only' ],
		[ 'DELETE', FEED, readKey, 'read-only' ],
		[ 'PUT', FEED, writeKey, 'write-only' ],
		[ 'DELETE', FEED, readWriteKey, 'read/write' ],
		[ 'DELETE', FEED, null, 'no' ],
		[ 'GET', ACKS, writeKey, 'write-only' ],
		[ 'DELETE', ACKS, readKey, 'read-only' ],
		[ 'GET', ACKS, readWriteKey, 'read/write' ],
	];
	for ( const [ method, path, key, label ] of unsupported ) {
		const response = await api.fetch( path, {
			method,
			params: { after: 0 },
			headers: key ? { Authorization: basicAuth( key ) } : {},
		} );
		const name = `${ method } ${ path } with ${ label } key`;
		expect( response.status(), name ).toBe( 404 );
		expect( ( await response.json() ).code, name ).toBe( 'rest_no_route' );
		expect( response.headers()[ 'cache-control' ], name ).toContain(
			'no-store'
		);
	}

	const wrong = await api.get( FEED, {
		params: { after: 0 },
		headers: {
			Authorization: basicAuth( {
				...readKey,
				consumer_secret: 'cs_wrong',
			} ),
		},
	} );
	expect( wrong.status() ).toBe( 401 );
	// WooCommerce refuses the secret before the route runs; the feed still answers its own code.
	expect( ( await wrong.json() ).code ).toBe( 'flashnode_feed_invalid_key' );
	expect( wrong.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	const wrongAck = await api.post( '/wp-json/wc-flashnode/v1/acks', {
		data: { order_ids: [ 1 ] },
		headers: {
			Authorization: basicAuth( {
				...readKey,
				consumer_secret: 'cs_wrong',
			} ),
		},
	} );
	expect( wrongAck.status() ).toBe( 401 );
	expect( ( await wrongAck.json() ).code ).toBe(
		'flashnode_acks_invalid_key'
	);

	const bad = await api.get( FEED, {
		params: { after: 'yesterday' },
		headers: { Authorization: basicAuth( readKey ) },
	} );
	expect( bad.status() ).toBe( 400 );
	expect( ( await bad.json() ).code ).toBe( 'flashnode_feed_bad_cursor' );

	const ok = await api.get( FEED, {
		params: { after: 0, limit: 1 },
		headers: { Authorization: basicAuth( readKey ) },
	} );
	expect( ok.status() ).toBe( 200 );
	expect( ok.headers()[ 'cache-control' ] ).toContain( 'no-store' );
} );

test( 'answer shape; include=orders equals GET /wc/v3/orders/<id>', async () => {
	const start = await head();
	const id = await createOrder();
	await updateOrder( id, { customer_note: 'ring twice' } );
	const page = await feed( { after: start, limit: 50, include: 'orders' } );
	expect( Object.keys( page ) ).toEqual( [
		'changes',
		'next_cursor',
		'has_more',
		'server_time_gmt',
	] );
	const mine = page.changes.filter( ( change ) => change.order_id === id );
	// One row per save: WooCommerce's REST API saves a new order several times.
	expect( mine[ 0 ].event ).toBe( 'created' );
	const last = mine[ mine.length - 1 ];
	expect( last.event ).toBe( 'updated' );
	expect( Object.keys( last ) ).toEqual( [
		'cursor',
		'order_id',
		'event',
		'status',
		'modified_gmt',
		'order',
	] );
	const v3 = await api.get( `/wp-json/wc/v3/orders/${ id }`, {
		headers: { Authorization: basicAuth( readKey ) },
	} );
	const expected = ( await v3.json() ) as Record< string, unknown >;
	// _links included: WordPress adds the self link's target hints by looking the wc/v3 route up.
	const embedded = { ...( last.order as Record< string, unknown > ) };
	expect( embedded ).toEqual( expected );
	expect( embedded.customer_note ).toBe( 'ring twice' );
} );

test( 'include=orders on a page of more than 50 orders equals GET /wc/v3/orders/<id> for each, meta_data in its order', async () => {
	test.setTimeout( 240_000 );
	const start = await head();
	// One WP-CLI process makes them all (about 0.2 s an order); each order and item has meta keys added out of
	// alphabetical order, which a read of the whole page listed by meta id (issue 21.4) and wc/v3 by key.
	const ids = JSON.parse(
		wp(
			'eval-file',
			join( __dirname, 'support', 'feed-orders.php' ),
			'create',
			'55'
		)
	) as number[];
	created.push( ...ids );
	const page = await feed( { after: start, limit: 500, include: 'orders' } );
	expect( page.has_more ).toBe( false );
	const orders = new Map(
		page.changes.map( ( change ) => [ change.order_id, change.order ] )
	);
	expect( ids.filter( ( id ) => orders.has( id ) ) ).toEqual( ids );
	expect( orders.size ).toBeGreaterThan( 50 );
	for ( const id of ids ) {
		const v3 = await api.get( `/wp-json/wc/v3/orders/${ id }`, {
			headers: { Authorization: basicAuth( readKey ) },
		} );
		expect( v3.status() ).toBe( 200 );
		const expected = ( await v3.json() ) as { meta_data: unknown[] };
		expect( orders.get( id ), `order ${ id }` ).toEqual( expected );
		// toEqual compares arrays in order; the text also compares the order of every object's keys.
		expect( JSON.stringify( orders.get( id ) ), `order ${ id }` ).toBe(
			JSON.stringify( expected )
		);
	}
} );

test( 'paging while four writers create and change orders: every change once, none skipped', async () => {
	test.setTimeout( 180_000 );
	const start = await head();
	const WRITERS = 4;
	const ORDERS_EACH = 6;
	let writing = true;
	const writers = Array.from( { length: WRITERS }, async () => {
		for ( let i = 0; i < ORDERS_EACH; i++ ) {
			const id = await createOrder( 'pending' );
			await updateOrder( id, { status: 'processing' } );
		}
	} );
	const done = Promise.all( writers ).finally( () => ( writing = false ) );

	// The consumer reads small pages while the writers run, then until it has caught up.
	const seen: Change[] = [];
	let cursor = start;
	for ( let idle = 0; writing || idle < 2; ) {
		const page = await feed( { after: cursor, limit: 5 } );
		for ( const change of page.changes ) {
			expect( change.cursor ).toBeGreaterThan( cursor );
			seen.push( change );
		}
		expect( page.next_cursor ).toBeGreaterThanOrEqual( cursor );
		cursor = page.next_cursor;
		idle =
			! writing && ! page.has_more && page.changes.length === 0
				? idle + 1
				: 0;
	}
	await done;

	// Everything written since the start, read again in one go after the writers stopped.
	const all: Change[] = [];
	let again = start;
	for ( let more = true; more; ) {
		const page = await feed( { after: again, limit: 500 } );
		all.push( ...page.changes );
		again = page.next_cursor;
		more = page.has_more;
	}
	expect( seen.map( ( change ) => change.cursor ) ).toEqual(
		all.map( ( change ) => change.cursor )
	);
	const ours = new Set( created );
	const events = new Map< number, string[] >();
	for ( const change of seen.filter( ( c ) => ours.has( c.order_id ) ) ) {
		events.set( change.order_id, [
			...( events.get( change.order_id ) ?? [] ),
			`${ change.event }:${ change.status }`,
		] );
	}
	const written = created.slice( -WRITERS * ORDERS_EACH );
	for ( const id of written ) {
		// One row per save (WooCommerce's REST API saves a new order several times; 7.8's new-order email saves it
		// once more after the status change): created first, then the change to processing, nothing after it but
		// saves of the processing order.
		const rows = events.get( id ) ?? [];
		expect( rows[ 0 ], `order ${ id }: ${ rows }` ).toBe(
			'created:pending'
		);
		const changed = rows.indexOf( 'status_changed:processing' );
		expect( changed, `order ${ id }: ${ rows }` ).toBeGreaterThan( 0 );
		for ( const later of rows.slice( changed + 1 ) ) {
			expect( later, `order ${ id }: ${ rows }` ).toBe(
				'updated:processing'
			);
		}
	}
	expect( new Set( seen.map( ( change ) => change.cursor ) ).size ).toBe(
		seen.length
	);
	const summary = `change feed under ${ WRITERS } writers: ${ all.length } changes written, ${ seen.length } read while writing, 0 skipped, 0 repeated`;
	// eslint-disable-next-line no-console -- the counts are part of the proof.
	console.log( summary );
	test.info().annotations.push( { type: 'changes', description: summary } );
} );

test( 'acks: idempotent, marks the order; the orders list shows the badge and filters "Not transferred"', async ( {
	page,
} ) => {
	const acked = await createOrder();
	const open = await createOrder();
	const ack = async () => {
		const response = await api.post( ACKS, {
			data: { order_ids: [ acked ], reference: 'ERP-7' },
			headers: { Authorization: basicAuth( readWriteKey ) },
		} );
		expect( response.status(), await response.text() ).toBe( 200 );
		return response.json();
	};
	expect( ( await ack() ).acknowledged ).toBe( 1 );
	expect( await ack() ).toMatchObject( { acknowledged: 0, unchanged: 1 } );

	// The health diagnosis reports the order flow, this consumer included.
	const health = await api.get( '/wp-json/wc-flashnode/v1/health', {
		headers: { Authorization: basicAuth( readWriteKey ) },
	} );
	const flow = ( await health.json() ).order_flow;
	expect( flow ).toMatchObject( {
		unacknowledged_orders: expect.any( Number ),
		threshold_minutes: expect.any( Number ),
	} );
	expect(
		flow.consumers.map(
			( consumer: { key_id: number } ) => consumer.key_id
		)
	).toContain( readWriteKey.key_id );

	const list =
		shop.hpos === false
			? '/wp-admin/edit.php?post_type=shop_order'
			: '/wp-admin/admin.php?page=wc-orders';
	const row = ( id: number ) =>
		page.locator( `tr#order-${ id }, tr#post-${ id }` );
	await page.goto( list );
	await expect(
		row( acked ).locator( '.column-flashnode_transfer' )
	).toContainText( 'Flashnode e2e test key' );
	await expect(
		row( open ).locator( '.column-flashnode_transfer' )
	).toContainText( 'Not transferred' );
	await expect( page.locator( '#flashnode-transfer-filter' ) ).toBeVisible();

	await page.goto( `${ list }&flashnode_transfer=none` );
	await expect( row( open ) ).toBeVisible();
	await expect( row( acked ) ).toHaveCount( 0 );

	const edit =
		shop.hpos === false
			? `/wp-admin/post.php?post=${ acked }&action=edit`
			: `/wp-admin/admin.php?page=wc-orders&action=edit&id=${ acked }`;
	await page.goto( edit );
	await expect( page.locator( '#flashnode-transfers' ) ).toContainText(
		'ERP-7'
	);
	await expect( page.locator( '.order_notes' ) ).toContainText(
		'Transferred to Flashnode e2e test key (ref ERP-7).'
	);
} );

test( 'the "Not transferred" filter: the item count and the pages follow the filter (issue 21.4)', async ( {
	page,
} ) => {
	const open = [
		await createOrder(),
		await createOrder(),
		await createOrder(),
	];
	const acked = [ await createOrder(), await createOrder() ];
	const ack = await api.post( ACKS, {
		data: { order_ids: acked },
		headers: { Authorization: basicAuth( readWriteKey ) },
	} );
	expect( ack.status(), await ack.text() ).toBe( 200 );

	// The orders the filtered list must show, counted order by order (not by the list table, whose count is under
	// test, nor by a meta query, which WooCommerce's posts store does not take): those in the statuses of the
	// list's "All" view without the transferred marker.
	const expected = Number(
		wp(
			'eval',
			[
				"$statuses = array_values( array_intersect( array_keys( wc_get_order_statuses() ), get_post_stati( array( 'show_in_admin_all_list' => true ) ) ) );",
				"$ids = wc_get_orders( array( 'type' => 'shop_order', 'status' => $statuses, 'limit' => -1, 'return' => 'ids' ) );",
				"echo count( array_filter( $ids, function ( $id ) { return '' === (string) wc_get_order( $id )->get_meta( '_flashnode_transferred' ); } ) );",
			].join( ' ' )
		)
	);
	expect( expected ).toBeGreaterThanOrEqual( open.length );
	// About three pages (50 rows a page at most, so a long-used shop is not listed whole), at least two.
	const perPage = Math.min( 50, Math.max( 1, Math.ceil( expected / 3 ) ) );
	const pages = Math.ceil( expected / perPage );
	expect( pages ).toBeGreaterThanOrEqual( 2 );
	// Pages 1, 2 and the last two (all of them on a small shop), then one past the last.
	const visit = [ ...new Set( [ 1, 2, pages - 1, pages ] ) ].filter(
		( n ) => n >= 1
	);
	const everyPage = visit.length === pages;
	wp(
		'user',
		'meta',
		'update',
		shop.user,
		'edit_shop_order_per_page',
		String( perPage )
	);
	try {
		// Sorted by id, newest first: WooCommerce's default sort by date leaves orders of the same second in no
		// fixed order between pages, which would list one twice and another never, filter or not.
		const list =
			( shop.hpos === false
				? '/wp-admin/edit.php?post_type=shop_order'
				: '/wp-admin/admin.php?page=wc-orders' ) +
			'&flashnode_transfer=none&orderby=ID&order=desc';
		const seen: number[] = [];
		for ( const n of [ ...visit, pages + 1 ] ) {
			const response = await page.request.get( `${ list }&paged=${ n }` );
			expect( response.status() ).toBe( 200 );
			const html = await response.text();
			const rows = [
				...html.matchAll( /<tr id="(?:order|post)-(\d+)"/g ),
			].map( ( match ) => Number( match[ 1 ] ) );
			const count =
				/class=['"]displaying-num['"]>([^<]*)</.exec( html )?.[ 1 ] ??
				'';
			const total =
				/class=['"]total-pages['"]>([^<]*)</.exec( html )?.[ 1 ] ?? '';
			if ( n <= pages ) {
				expect(
					Number( count.replace( /\D/g, '' ) ),
					`page ${ n }: "${ count }"`
				).toBe( expected );
				expect(
					Number( total.replace( /\D/g, '' ) ),
					`page ${ n }`
				).toBe( pages );
				expect( rows.length, `page ${ n }` ).toBe(
					n < pages ? perPage : expected - perPage * ( pages - 1 )
				);
				seen.push( ...rows );
			} else {
				// Past the last page nothing more is listed (WordPress's posts list sends the owner to the last page).
				expect(
					rows.filter( ( id ) => ! seen.includes( id ) ),
					`page ${ n }`
				).toEqual( [] );
			}
		}
		expect( new Set( seen ).size ).toBe( seen.length );
		if ( everyPage ) {
			expect( seen.length ).toBe( expected );
		}
		// The newest orders come first: the three open ones are on the first page(s), the acknowledged never.
		for ( const id of open ) {
			expect( seen ).toContain( id );
		}
		for ( const id of acked ) {
			expect( seen ).not.toContain( id );
		}
	} finally {
		wp( 'user', 'meta', 'delete', shop.user, 'edit_shop_order_per_page' );
	}
} );
