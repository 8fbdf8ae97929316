/**
 * The "at scale" section of bench/results.md: one column per shop size, so "flat as the shop grows" reads across
 * a row.
 */
import { meets, median, ms, pairedRatio, times } from './stats';
import { SCALE_ROUNDS, type ScaleStep } from './scale';

type Cell = ( step: ScaleStep ) => string;

/**
 * The empty feed poll against the same empty wc/v3 poll. Not 1.0×: a request to wc-flashnode/v1 is one to a
 * namespace WooCommerce does not know, for which it registers all of its wc/v1–v4 REST controllers (in case the
 * request calls into them); wc/v3/orders registers only its own. The plugin leaves WooCommerce's registration
 * alone (it used to set those namespaces aside, which meant re-running WooCommerce's Server internals), and
 * that registration is the difference.
 */
const EMPTY_POLL_TARGET = 1.15;

const ratio = ( step: ScaleStep, a: string, b: string ) =>
	pairedRatio( step.samples[ a ], step.samples[ b ] );
const at = ( step: ScaleStep, id: string ) => median( step.samples[ id ] );
/**
 * Two authenticated requests of the same bare route: how far identical requests differ at this size.
 * @param step One shop size.
 */
const noise = ( step: ScaleStep ) =>
	ratio( step, 'bare-auth-again', 'bare-auth' );
const compare =
	( a: string, b: string ): Cell =>
	( step ) =>
		`${ times( ratio( step, a, b ) ) } (${ ms( at( step, a ) ) } / ${ ms( at( step, b ) ) } ms)`;
const againstBare =
	( id: string ): Cell =>
	( step ) =>
		`${ times( ratio( step, id, 'bare' ) ) } / ${ times( ratio( step, id, 'bare-auth' ) ) }`;
const met = ( steps: ScaleStep[], value: Cell, target: number ) =>
	steps
		.map( ( step ) =>
			meets(
				Number( value( step ).split( '×' )[ 0 ] ),
				target,
				noise( step )
			)
		)
		.join( ', ' );

const saveRatio = ( step: ScaleStep, what: 'update' | 'checkout' ) =>
	pairedRatio( step.save[ what ].on, step.save[ what ].off );
const saveCell =
	( what: 'update' | 'checkout' ): Cell =>
	( step ) =>
		`${ times( saveRatio( step, what ) ) } (${ ms( median( step.save[ what ].on ) ) } / ${ ms( median( step.save[ what ].off ) ) } ms)`;
const insertCell =
	( what: 'update' | 'checkout' ): Cell =>
	( step ) => {
		const { on, off } = step.save.inserts[ what ];
		return `+${ on.inserts - off.inserts } INSERT (${ on.change_log } into the change log), +${ on.queries - off.queries } queries, ${ on.order_saves } save(s)`;
	};

const restSaveCell: Cell = ( step ) =>
	`${ times( pairedRatio( step.restSave.on, step.restSave.off ) ) } (${ ms( median( step.restSave.on ) ) } / ${ ms( median( step.restSave.off ) ) } ms)`;

export function renderScale( steps: ScaleStep[] ): string {
	if ( steps.length === 0 ) {
		return '';
	}
	const sizes = steps.map(
		( step ) => `${ step.orders.toLocaleString( 'en-US' ) } orders`
	);
	const row = ( label: string, target: string, cell: Cell, verdict = '' ) =>
		`| ${ label } | ${ target } | ${ steps.map( cell ).join( ' | ' ) } | ${ verdict } |`;
	const perOrder: Cell = ( step ) =>
		`${ ms( ( at( step, 'wc-100' ) - at( step, 'wc-empty' ) ) / 100 ) } ms / order`;
	const feedEmpty = compare( 'feed-empty', 'wc-empty' );
	const feed100 = compare( 'feed-100', 'wc-100' );
	const lines = [
		'## The change feed at scale',
		'',
		`The same shop grown to ${ sizes.join( ', ' ) } by cloning its orders with SQL (all order tables, items and item meta, and the change log's row per order; \`tests/stack/bench/bench-orders.php\`), removed again afterwards. At each size ${ SCALE_ROUNDS } rounds in which every request below was made once, back to back, in rotating order, all with the bench's read-only API key (Basic Auth) except the anonymous bare route. A cell is the median of the per-round ratios, then the medians in ms of both sides. Before timing, the bench checks that both sides of a pair list the same orders (none for the empty polls, the same 100 modified orders, full pages of 100).`,
		'',
		`| measurement | target | ${ sizes.join( ' | ' ) } | met? |`,
		`|---|---|${ steps.map( () => '---|' ).join( '' ) }---|`,
		row(
			'bare route with an API key / anonymous (what authentication costs)',
			'—',
			compare( 'bare-auth', 'bare' )
		),
		row(
			'noise floor: the authenticated bare route again',
			'—',
			compare( 'bare-auth-again', 'bare-auth' )
		),
		row(
			'empty poll, `wc/v3/orders?modified_after=<now>`: / bare route anonymous / with key',
			'reference',
			againstBare( 'wc-empty' )
		),
		row(
			'empty poll, feed `changes?after=<head>`: / bare route anonymous / with key',
			'—',
			againstBare( 'feed-empty' )
		),
		row(
			'**empty poll: feed / `wc/v3/orders?modified_after=<now>`**',
			`≤ ${ EMPTY_POLL_TARGET }×, flat`,
			feedEmpty,
			met( steps, feedEmpty, EMPTY_POLL_TARGET )
		),
		row(
			'100 orders, `wc/v3/orders?modified_after=…&per_page=100`: / bare route anonymous / with key',
			'reference',
			againstBare( 'wc-100' )
		),
		row(
			'100 orders via wc/v3: cost per order over the empty poll',
			'—',
			perOrder
		),
		row(
			'**100 orders: feed `include=orders` / wc/v3 `modified_after` (the same orders)**',
			'≤ 1.0×',
			feed100,
			met( steps, feed100, 1.0 )
		),
		row(
			'backfill, first page: feed `after=0&limit=100&include=orders` / wc/v3 `page=1&per_page=100`',
			'—',
			compare( 'feed-first', 'wc-first' )
		),
		row(
			'backfill, last page: feed (keyset) / wc/v3 `page=N` (N below)',
			'—',
			compare( 'feed-last', 'wc-last' )
		),
		row( 'backfill: pages of 100 (wc/v3 N)', '—', ( step ) =>
			String( step.lastPage )
		),
		row(
			'DB queries: feed / wc/v3, empty poll',
			'—',
			( step ) =>
				`${ step.queries[ 'feed-empty' ] } / ${ step.queries[ 'wc-empty' ] }`
		),
		row(
			'DB queries: feed / wc/v3, 100 orders',
			'—',
			( step ) =>
				`${ step.queries[ 'feed-100' ] } / ${ step.queries[ 'wc-100' ] }`
		),
		row(
			'DB queries: feed / wc/v3, last backfill page',
			'—',
			( step ) =>
				`${ step.queries[ 'feed-last' ] } / ${ step.queries[ 'wc-last' ] }`
		),
		row(
			'**order save through the REST API (`PUT wc/v3/orders/<id>`, a new customer note), change log on / off**',
			'≤ 1.02×',
			restSaveCell,
			met( steps, restSaveCell, 1.02 )
		),
		row(
			'**order save in one PHP process (`$order->save()` alone, no request around it), change log on / off**',
			'≤ 1.02×',
			saveCell( 'update' ),
			met( steps, saveCell( 'update' ), 1.02 )
		),
		row(
			"order save: one `SELECT 1` in the recorder's place / off (what any one more statement costs)",
			'—',
			( step ) =>
				`${ times( pairedRatio( step.save.update.floor, step.save.update.off ) ) } (${ ms( median( step.save.update.floor ) ) } / ${ ms( median( step.save.update.off ) ) } ms)`
		),
		row(
			'order save: extra database work',
			'one INSERT',
			insertCell( 'update' ),
			steps
				.map( ( step ) =>
					step.save.inserts.update.on.inserts -
						step.save.inserts.update.off.inserts ===
						1 && step.save.inserts.update.on.change_log === 1
						? 'yes'
						: '**no**'
				)
				.join( ', ' )
		),
		row(
			'**checkout (new order, totals, save, payment_complete), change log on / off**',
			'≤ 1.02×',
			saveCell( 'checkout' ),
			met( steps, saveCell( 'checkout' ), 1.02 )
		),
		row(
			'checkout: extra database work',
			'one INSERT per change row',
			insertCell( 'checkout' )
		),
		'',
		"Order save and checkout are timed inside one PHP process (`tests/stack/bench/bench-save.php`): on and off alternate (ABBA), \"off\" is the shop with the recorder's callbacks taken out of WordPress's hook table, and the INSERTs are counted afterwards with SAVEQUERIES. A checkout saves the order several times (WooCommerce's own saves, listed); the log gets one row per save that changes the order as the feed reports it.",
		'',
	];
	return lines.join( '\n' );
}
