/**
 * The change feed at scale: the same shop grown to 1,000, 10,000 and 100,000 orders (SQL clones,
 * tests/stack/bench/bench-orders.php), and at each size the feed's polls and backfill pages side by side with
 * what a service asks WooCommerce's REST API for the same orders, plus what the change log costs an order save
 * and a checkout (tests/stack/bench/bench-save.php) and an order save through the REST API (scale-rest-save.ts).
 * The clones are removed afterwards.
 *
 * BENCH_SCALES (1000,10000,100000; e.g. 1000,10000 for a quick run), BENCH_SCALE_ROUNDS (15),
 * BENCH_SAVE_ROUNDS (40 order saves, REST order saves and checkouts per state; a checkout's 4 rows are ~1% of it, so
 * fewer rounds leave the ratio to the machine's noise), BENCH_GROW_MAX_SECONDS (600).
 */
import { join } from 'node:path';

import { repoRoot, wp } from '../../tests/e2e/shop';
import { basicAuth } from '../../tests/e2e/support';
import type { Bench } from './bench';
import { intFromEnv, log } from './config';
import { PAGE, probesFor, request, verify } from './scale-probes';
import { measureRestSave, type RestSave } from './scale-rest-save';

const SCALES = ( process.env.BENCH_SCALES ?? '1000,10000,100000' )
	.split( ',' )
	.map( ( value ) => Number.parseInt( value.trim(), 10 ) );
if ( SCALES.some( ( value ) => ! Number.isFinite( value ) || value < 200 ) ) {
	throw new Error(
		`BENCH_SCALES must be order counts of at least 200, comma-separated (got "${ process.env.BENCH_SCALES }")`
	);
}
export const SCALE_ROUNDS = intFromEnv( 'BENCH_SCALE_ROUNDS', 15 );
const SAVE_ROUNDS = intFromEnv( 'BENCH_SAVE_ROUNDS', 40 );
const GROW_MAX_SECONDS = intFromEnv( 'BENCH_GROW_MAX_SECONDS', 600 );

const script = ( name: string ) => join( repoRoot, 'tests/stack/bench', name );
const orders = ( ...args: string[] ) =>
	JSON.parse( wp( 'eval-file', script( 'bench-orders.php' ), ...args ) );

export interface SaveCost {
	/** floor: the recorder out, one `SELECT 1` in the save instead (see bench-save.php). */
	update: { on: number[]; off: number[]; floor: number[] };
	checkout: { on: number[]; off: number[] };
	inserts: Record<
		'update' | 'checkout',
		Record<
			'on' | 'off',
			{
				inserts: number;
				change_log: number;
				queries: number;
				order_saves: number;
			}
		>
	>;
}

export interface ScaleStep {
	orders: number;
	growSeconds: number;
	lastPage: number;
	/** Probe id → total ms per round. */
	samples: Record< string, number[] >;
	/** Probe id → database queries of one request. */
	queries: Record< string, number >;
	save: SaveCost;
	restSave: RestSave;
}

async function measureStep(
	bench: Bench,
	target: number
): Promise< ScaleStep > {
	log( `scale: growing the shop to ${ target } orders (SQL clones)` );
	const grown = orders(
		'grow',
		String( target ),
		String( GROW_MAX_SECONDS )
	) as {
		orders: number;
		seconds: number;
	};
	log(
		`scale: ${ grown.orders } orders (${ grown.seconds } s); ${ SCALE_ROUNDS } rounds`
	);
	const touch = orders( 'touch', String( PAGE ) ) as {
		ids: number[];
		after: number;
		modified_after: string;
	};
	// The empty poll's "now" must come after the modification's second (modified_after is exclusive).
	await new Promise( ( resolve ) => setTimeout( resolve, 1100 ) );
	const now = new Date().toISOString().slice( 0, 19 );
	const raw = orders( 'marks' ) as {
		head: number;
		last_page: number;
		orders: number;
	};
	const marks = {
		head: raw.head,
		lastPage: raw.last_page,
		orders: raw.orders,
	};
	const probes = probesFor(
		marks,
		{ after: touch.after, modifiedAfter: touch.modified_after },
		now
	);
	await verify( bench, probes, touch.ids );

	const samples: Record< string, number[] > = {};
	for ( let round = -1; round < SCALE_ROUNDS; round++ ) {
		const shift = ( round + probes.length ) % probes.length;
		for ( const probe of [
			...probes.slice( shift ),
			...probes.slice( 0, shift ),
		] ) {
			const { totalMs } = await request( bench, probe );
			if ( round >= 0 ) {
				( samples[ probe.id ] ??= [] ).push( totalMs );
			}
		}
	}
	const queries: Record< string, number > = {};
	for ( const probe of probes ) {
		queries[ probe.id ] = (
			await bench.queryReport(
				bench.shop.url + probe.path,
				probe.auth ? { Authorization: basicAuth( bench.key ) } : {}
			)
		).queries;
	}
	log(
		`scale: order save and checkout, change log on and off (${ SAVE_ROUNDS } rounds)`
	);
	const save = JSON.parse(
		wp(
			'eval-file',
			script( 'bench-save.php' ),
			String( SAVE_ROUNDS ),
			String( SAVE_ROUNDS )
		)
	) as SaveCost;
	log(
		`scale: REST order save, change log on and off (${ SAVE_ROUNDS } rounds)`
	);
	const restSave = await measureRestSave(
		bench,
		touch.ids[ 0 ],
		SAVE_ROUNDS,
		() => ( orders( 'marks' ) as { head: number } ).head
	);
	return {
		orders: grown.orders,
		growSeconds: grown.seconds,
		lastPage: Math.ceil( marks.orders / PAGE ),
		samples,
		queries,
		save,
		restSave,
	};
}

/**
 * Every size in BENCH_SCALES, growing the same shop; the clones are removed at the end (also when a step fails,
 * and by the next run if this one was killed).
 *
 * @param bench The bench.
 */
export async function measureScale( bench: Bench ): Promise< ScaleStep[] > {
	orders( 'restore' );
	const steps: ScaleStep[] = [];
	try {
		for ( const target of SCALES ) {
			steps.push( await measureStep( bench, target ) );
		}
	} finally {
		log( 'scale: removing the cloned orders' );
		orders( 'restore' );
	}
	return steps;
}
