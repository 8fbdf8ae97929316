/**
 * The requests the scale bench compares at one shop size (see scale.ts), and the check that each pair answers
 * with the orders it is compared for.
 */
import { basicAuth } from '../../tests/e2e/support';
import type { Bench } from './bench';
import { AUTH_NOOP_ROUTE, NOOP_ROUTE } from './stack';

/** A page of the backfill and of a poll that finds orders. */
export const PAGE = 100;

export interface ScaleProbe {
	id: string;
	path: string;
	auth: boolean;
}

const FEED = '/wp-json/wc-flashnode/v1/changes';
const ORDERS = '/wp-json/wc/v3/orders';

/**
 * The requests compared at one size. Polls ask WooCommerce as the README tells services to (modified_after,
 * GMT, oldest first); the backfill pages are `page=N` in WooCommerce's default order.
 *
 * @param marks               Cursors and counts of the grown shop.
 * @param marks.head          The newest cursor.
 * @param marks.lastPage      The cursor before the backfill's last page.
 * @param marks.orders        Orders in the shop.
 * @param touch               Where the feed and modified_after find the orders just modified.
 * @param touch.after         The cursor before their changes.
 * @param touch.modifiedAfter A time just before their modification.
 * @param now                 An ISO time after every modification.
 */
export function probesFor(
	marks: { head: number; lastPage: number; orders: number },
	touch: { after: number; modifiedAfter: string },
	now: string
): ScaleProbe[] {
	const poll = ( since: string ) =>
		`${ ORDERS }?modified_after=${ since }&dates_are_gmt=true&orderby=modified&order=asc&per_page=${ PAGE }`;
	const lastPage = Math.ceil( marks.orders / PAGE );
	return [
		{ id: 'bare', path: NOOP_ROUTE, auth: false },
		{ id: 'bare-auth', path: AUTH_NOOP_ROUTE, auth: true },
		{ id: 'bare-auth-again', path: AUTH_NOOP_ROUTE, auth: true },
		{
			id: 'feed-empty',
			path: `${ FEED }?after=${ marks.head }`,
			auth: true,
		},
		{ id: 'wc-empty', path: poll( now ), auth: true },
		{
			id: 'feed-100',
			path: `${ FEED }?after=${ touch.after }&limit=${ PAGE }&include=orders`,
			auth: true,
		},
		{ id: 'wc-100', path: poll( touch.modifiedAfter ), auth: true },
		{
			id: 'feed-first',
			path: `${ FEED }?after=0&limit=${ PAGE }&include=orders`,
			auth: true,
		},
		{
			id: 'wc-first',
			path: `${ ORDERS }?page=1&per_page=${ PAGE }`,
			auth: true,
		},
		{
			id: 'feed-last',
			path: `${ FEED }?after=${ marks.lastPage }&limit=${ PAGE }&include=orders`,
			auth: true,
		},
		{
			id: 'wc-last',
			path: `${ ORDERS }?page=${ lastPage }&per_page=${ PAGE }`,
			auth: true,
		},
	];
}

const orderIds = ( id: string, body: string ): number[] => {
	const parsed = JSON.parse( body ) as
		| Array< { id: number } >
		| {
				changes: Array< {
					order_id: number;
					order: { id: number } | null;
				} >;
		  };
	if ( Array.isArray( parsed ) ) {
		return parsed.map( ( order ) => order.id );
	}
	return parsed.changes.map( ( change ) => {
		// A backfill page may hold changes of orders deleted since (order null); the modified orders all exist.
		if (
			change.order !== null
				? change.order.id !== change.order_id
				: id === 'feed-100'
		) {
			throw new Error(
				`${ id }: change of order ${ change.order_id } without its order`
			);
		}
		return change.order_id;
	} );
};

/**
 * Checks once that each pair answers what it is compared for: no order for the empty polls, the same touched
 * orders for both 100-order polls, full pages for the backfill.
 *
 * @param bench   The bench.
 * @param probes  The probes.
 * @param touched Ids of the orders just modified.
 */
export async function verify(
	bench: Bench,
	probes: ScaleProbe[],
	touched: number[]
) {
	const want = [ ...touched ].sort( ( a, b ) => a - b ).join( ',' );
	for ( const probe of probes.filter(
		( item ) => ! item.id.startsWith( 'bare' )
	) ) {
		const ids = orderIds(
			probe.id,
			( await request( bench, probe ) ).body
		);
		const expected = probe.id.endsWith( '-empty' ) ? 0 : PAGE;
		if ( ids.length !== expected ) {
			throw new Error(
				`${ probe.path } listed ${ ids.length } orders, expected ${ expected }`
			);
		}
		if (
			probe.id.endsWith( '-100' ) &&
			[ ...ids ].sort( ( a, b ) => a - b ).join( ',' ) !== want
		) {
			throw new Error(
				`${ probe.path } did not list the ${ PAGE } orders just modified`
			);
		}
	}
}

export const request = ( bench: Bench, probe: ScaleProbe ) =>
	bench.get(
		bench.shop.url + probe.path,
		probe.auth ? { Authorization: basicAuth( bench.key ) } : {}
	);
