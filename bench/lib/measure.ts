/**
 * The timed rounds and the database query counts, interleaved so the machine's noise hits every route and both
 * plugin states alike.
 */
import type { Bench, QueryReport } from './bench';
import { MAX_SECONDS, QUERY_SAMPLES, ROUNDS, WARMUP, log } from './config';
import { median } from './stats';

export interface Samples {
	rest: Record< string, number[] >;
	/** `${ page id }:${ 'on' | 'off' }` → TTFB per round. */
	ttfb: Record< string, number[] >;
	rounds: number;
}

export async function measureRounds( bench: Bench ): Promise< Samples > {
	const samples: Samples = { rest: {}, ttfb: {}, rounds: 0 };
	for ( const probe of bench.probes ) {
		samples.rest[ probe.id ] = [];
	}
	for ( const page of bench.pages ) {
		samples.ttfb[ `${ page.id }:on` ] = [];
		samples.ttfb[ `${ page.id }:off` ] = [];
	}

	log( `warm-up: ${ WARMUP } round(s) of every route, plugin on and off` );
	for ( let round = 0; round < WARMUP; round++ ) {
		for ( const probe of bench.probes ) {
			await bench.probe( probe );
		}
		for ( const active of [ false, true ] ) {
			await bench.switchPlugin( active );
			for ( const page of bench.pages ) {
				await bench.get( page.url );
			}
		}
	}

	const deadline = Date.now() + MAX_SECONDS * 1000;
	for ( let round = 0; round < ROUNDS; round++ ) {
		if ( Date.now() > deadline ) {
			log(
				`time limit (BENCH_MAX_SECONDS=${ MAX_SECONDS }) reached after ${ round } round(s)`
			);
			break;
		}
		// REST routes (plugin on) in a rotating order, so no route always runs first. Storefront pages with the
		// plugin on and off in ABBA order: even rounds REST, on, off; odd rounds off, on, REST. One plugin
		// switch per round, and neither state always comes first.
		const measureRest = async () => {
			await bench.switchPlugin( true );
			const shift = round % bench.probes.length;
			for ( const probe of [
				...bench.probes.slice( shift ),
				...bench.probes.slice( 0, shift ),
			] ) {
				samples.rest[ probe.id ].push(
					( await bench.probe( probe ) ).totalMs
				);
			}
		};
		const measurePages = async ( active: boolean ) => {
			await bench.switchPlugin( active );
			// Rotating too: the page right after a plugin switch (and its warm-up request) varies by round.
			const shift = Math.floor( round / 2 ) % bench.pages.length;
			for ( const page of [
				...bench.pages.slice( shift ),
				...bench.pages.slice( 0, shift ),
			] ) {
				samples.ttfb[ `${ page.id }:${ active ? 'on' : 'off' }` ].push(
					( await bench.get( page.url ) ).ttfbMs
				);
			}
		};
		if ( round % 2 === 0 ) {
			await measureRest();
			await measurePages( true );
			await measurePages( false );
		} else {
			await measurePages( false );
			await measurePages( true );
			await measureRest();
		}
		samples.rounds++;
		if ( ( round + 1 ) % 5 === 0 ) {
			log( `${ round + 1 } / ${ ROUNDS } rounds` );
		}
	}
	await bench.switchPlugin( true );
	return samples;
}

export interface Queries {
	/** `${ page id }:${ 'on' | 'off' }` → median query count. */
	pages: Record< string, number >;
	/** Queries by or about the plugin on storefront pages with the plugin on (should be none). */
	pageFlashnode: string[];
	rest: Record< string, number >;
	restFlashnode: Record< string, string[] >;
	pluginFilesLoaded: Record< string, number >;
}

export async function measureQueries( bench: Bench ): Promise< Queries > {
	log(
		`database queries: ${ QUERY_SAMPLES } reports per page and state, per REST route`
	);
	const result: Queries = {
		pages: {},
		pageFlashnode: [],
		rest: {},
		restFlashnode: {},
		pluginFilesLoaded: {},
	};
	// Interleaved like the timings (on/off in ABBA order): WordPress's and WooCommerce's own query counts move
	// with expiring transients and their reactions to a plugin switch, which must not land on one state only.
	const pageReports: Record< string, QueryReport[] > = {};
	for ( let sample = 0; sample < QUERY_SAMPLES; sample++ ) {
		for ( const active of sample % 2 ? [ false, true ] : [ true, false ] ) {
			await bench.switchPlugin( active );
			for ( const page of bench.pages ) {
				const key = `${ page.id }:${ active ? 'on' : 'off' }`;
				( pageReports[ key ] ??= [] ).push(
					await bench.queryReport( page.url )
				);
			}
		}
	}
	for ( const [ key, reports ] of Object.entries( pageReports ) ) {
		result.pages[ key ] = median(
			reports.map( ( report ) => report.queries )
		);
		result.pluginFilesLoaded[ key ] = Math.max(
			...reports.map( ( report ) => report.plugin_files )
		);
		if ( key.endsWith( ':on' ) ) {
			for ( const report of reports ) {
				result.pageFlashnode.push(
					...report.flashnode.map(
						( query ) => `${ key }: ${ query.sql }`
					)
				);
			}
		}
	}
	await bench.switchPlugin( true );
	for ( const probe of bench.probes ) {
		const reports: QueryReport[] = [];
		for ( let sample = 0; sample < QUERY_SAMPLES; sample++ ) {
			reports.push(
				await bench.queryReport(
					bench.shop.url + probe.path,
					probe.headers,
					probe.status
				)
			);
		}
		result.rest[ probe.id ] = median(
			reports.map( ( report ) => report.queries )
		);
		// One request's worth (the last): the SQL with its time under SAVEQUERIES.
		result.restFlashnode[ probe.id ] = reports[
			reports.length - 1
		].flashnode.map(
			( query ) =>
				`${ query.sql.replace( /\s+/g, ' ' ).slice( 0, 90 ) }… (${ query.ms.toFixed( 2 ) } ms)`
		);
	}
	return result;
}
