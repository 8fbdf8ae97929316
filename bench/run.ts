/**
 * `npm run bench`: side-by-side measurements on the local shop (loopback only), written to bench/results.md.
 *
 * Starts the shop if needed, installs the bench stack (tests/stack/bench/: a bare REST no-op route, a query
 * report, SAVEQUERIES for the requests that ask for it) and a WooCommerce API key, warms up, then runs N rounds
 * in which every compared route is requested once, back to back, in a rotating order: the machine's noise hits
 * all of them alike. Reports medians and ratios against the targets; it never fails on a missed target, only
 * when a measurement cannot be taken (a request answered with an unexpected status, the shop does not start).
 *
 * Environment: BENCH_ROUNDS (60), BENCH_WARMUP (3), BENCH_MAX_SECONDS (150, after which no new round starts),
 * BENCH_BURST (200 concurrent requests per throughput burst), BENCH_BURSTS (2 per route), and the shop's
 * FLASHNODE_HTTP_PORT / FLASHNODE_HTTPS_PORT / FLASHNODE_DB_PORT (taken from the existing .shop/ when unset).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import {
	PLUGIN_FILE,
	readShop,
	repoRoot,
	wp,
	type Shop,
} from '../tests/e2e/shop';
import {
	basicAuth,
	createApiKey,
	deleteApiKey,
	type ApiKey,
} from '../tests/e2e/support';
import { burst, timedGet, type BurstRequest, type Timed } from './lib/http';
import {
	HEALTH_ROUTE,
	NOOP_ROUTE,
	QUERY_REPORT_HEADER,
	SYSTEM_STATUS_ROUTE,
	installBenchMuPlugin,
	installQueryReporting,
	queryLogPath,
	removeBenchMuPlugin,
	removeQueryReporting,
} from './lib/stack';

const intFromEnv = ( name: string, fallback: number ) => {
	const value = Number.parseInt( process.env[ name ] ?? '', 10 );
	return Number.isFinite( value ) && value > 0 ? value : fallback;
};

const ROUNDS = intFromEnv( 'BENCH_ROUNDS', 60 );
const WARMUP = intFromEnv( 'BENCH_WARMUP', 3 );
const MAX_SECONDS = intFromEnv( 'BENCH_MAX_SECONDS', 150 );
const BURST_SIZE = intFromEnv( 'BENCH_BURST', 200 );
const BURSTS = intFromEnv( 'BENCH_BURSTS', 2 );
const QUERY_SAMPLES = 4;
const RESULTS_FILE = join( repoRoot, 'bench/results.md' );

const log = ( message: string ) =>
	process.stderr.write( `[bench] ${ message }\n` );

/* ------------------------------------------------------------------ statistics */

function median( values: number[] ): number {
	if ( values.length === 0 ) {
		return NaN;
	}
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ middle ]
		: ( sorted[ middle - 1 ] + sorted[ middle ] ) / 2;
}

/**
 * Median of the per-round ratios a[i] / b[i]. The two were measured back to back in the same round, so a slow
 * moment of the machine (another test run, a cron job) cancels out instead of landing on one side.
 *
 * @param a Samples of the measured route, one per round.
 * @param b Samples of the reference, same rounds.
 */
function pairedRatio( a: number[], b: number[] ): number {
	return median( a.map( ( value, index ) => value / b[ index ] ) );
}

const ms = ( value: number ) =>
	Number.isFinite( value ) ? value.toFixed( 1 ) : '—';
const times = ( value: number ) =>
	Number.isFinite( value ) ? `${ value.toFixed( 3 ) }×` : '—';
const kb = ( bytes: number ) => `${ ( bytes / 1024 ).toFixed( 1 ) } KB`;
const yesNo = ( met: boolean ) => ( met ? 'yes' : '**no**' );

/**
 * Whether a ratio meets its target, and when it does not, whether the miss is smaller than the difference this
 * run measured between two identical requests (the noise floor): such a miss cannot be told apart from noise.
 * @param value  The measured ratio.
 * @param target The largest ratio that meets the target.
 * @param noise  The noise floor as a ratio (bare route against itself).
 */
const meets = ( value: number, target: number, noise: number ) => {
	if ( value <= target ) {
		return 'yes';
	}
	return value - target <= Math.abs( noise - 1 )
		? '**no**, by less than the noise floor'
		: '**no**';
};

/* ------------------------------------------------------------------ the shop */

/**
 * Ports for bin/shop.sh: the environment's, or else those of the shop already set up in this checkout. Starting
 * an existing shop with other ports would rewrite its wp-config.php to another checkout's database.
 */
function shopEnvironment(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	const shopJson = join( repoRoot, '.shop/shop.json' );
	const wpConfig = join( repoRoot, '.shop/wordpress/wp-config.php' );
	if ( existsSync( shopJson ) ) {
		const known = JSON.parse( readFileSync( shopJson, 'utf8' ) ) as Shop;
		env.FLASHNODE_HTTPS_PORT ||= new URL( known.url ).port;
		env.FLASHNODE_HTTP_PORT ||= new URL( known.httpUrl ).port;
	}
	if ( existsSync( wpConfig ) ) {
		const dbHost = /'DB_HOST',\s*'[^':]+:(\d+)'/.exec(
			readFileSync( wpConfig, 'utf8' )
		);
		if ( dbHost ) {
			env.FLASHNODE_DB_PORT ||= dbHost[ 1 ];
		}
	}
	return env;
}

function startShop(): void {
	const env = shopEnvironment();
	log(
		`bash bin/shop.sh start (HTTPS ${ env.FLASHNODE_HTTPS_PORT || 'default' }, HTTP ${
			env.FLASHNODE_HTTP_PORT || 'default'
		}, DB ${ env.FLASHNODE_DB_PORT || 'default' })`
	);
	execFileSync( 'bash', [ join( repoRoot, 'bin/shop.sh' ), 'start' ], {
		env,
		stdio: [ 'ignore', process.stderr, process.stderr ],
	} );
	// The tiny WP CLI (bin/shop/wp.php) reads the HTTPS port from here.
	Object.assign( process.env, {
		FLASHNODE_HTTPS_PORT: env.FLASHNODE_HTTPS_PORT,
		FLASHNODE_HTTP_PORT: env.FLASHNODE_HTTP_PORT,
		FLASHNODE_DB_PORT: env.FLASHNODE_DB_PORT,
	} );
}

const supportScript = join( repoRoot, 'tests/stack/bench/bench-support.php' );

function setPluginActive( active: boolean ): void {
	wp( active ? 'activate-plugin' : 'deactivate-plugin', PLUGIN_FILE );
}

/* ------------------------------------------------------------------ what is measured */

interface Probe {
	id: string;
	label: string;
	path: string;
	headers: Record< string, string >;
	/** Expected HTTP status; anything else stops the bench (a broken measurement is no measurement). */
	status: number;
}

interface Page {
	id: string;
	label: string;
	url: string;
}

class Bench {
	readonly shop: Shop;
	readonly ca: string;
	// Keep-alive for every timed request alike: one connection, so the TLS handshake does not dilute the
	// difference between routes. Throughput bursts use fresh connections (see burst()).
	readonly agent = new Agent( { keepAlive: true, maxSockets: 1 } );
	readonly key: ApiKey;
	readonly probes: Probe[];
	pages: Page[] = [];
	pluginActive = true;
	private queryReportSeq = 0;

	constructor( shop: Shop, key: ApiKey ) {
		this.shop = shop;
		this.ca = readFileSync( shop.caFile, 'utf8' );
		this.key = key;
		const auth = { Authorization: basicAuth( key ) };
		this.probes = [
			{
				id: 'ping',
				label: 'health ping (anonymous)',
				path: HEALTH_ROUTE,
				headers: {},
				status: 200,
			},
			{
				id: 'bare',
				label: 'bare REST no-op route',
				path: NOOP_ROUTE,
				headers: {},
				status: 200,
			},
			{
				// The same request again, measured as its own route: how far two identical requests differ in
				// this run (the noise floor every other ratio has to be read against).
				id: 'bare-again',
				label: 'bare REST no-op route, again',
				path: NOOP_ROUTE,
				headers: {},
				status: 200,
			},
			{
				id: 'status',
				label: 'WooCommerce system_status (API key)',
				path: SYSTEM_STATUS_ROUTE,
				headers: auth,
				status: 200,
			},
			{
				id: 'diag',
				label: 'health diagnosis (API key, details=true)',
				path: `${ HEALTH_ROUTE }?details=true`,
				headers: auth,
				status: 200,
			},
		];
	}

	async get(
		url: string,
		headers: Record< string, string > = {},
		status = 200
	): Promise< Timed > {
		const response = await timedGet( url, {
			ca: this.ca,
			agent: this.agent,
			headers,
		} );
		if ( response.status !== status ) {
			throw new Error(
				`GET ${ url } answered ${ response.status }, expected ${ status }: ${ response.body.slice( 0, 300 ) }`
			);
		}
		return response;
	}

	probeById( id: string ): Probe {
		const found = this.probes.find( ( probe ) => probe.id === id );
		if ( ! found ) {
			throw new Error( `no probe ${ id }` );
		}
		return found;
	}

	probe(
		probe: Probe,
		extraHeaders: Record< string, string > = {}
	): Promise< Timed > {
		return this.get(
			this.shop.url + probe.path,
			{ ...probe.headers, ...extraHeaders },
			probe.status
		);
	}

	/**
	 * Switches the plugin on or off (a WP CLI run), then loads the home page once untimed: whatever the first
	 * request after (de)activation does once (WooCommerce's caches of the plugin list) is not measured.
	 *
	 * @param active On or off.
	 */
	async switchPlugin( active: boolean ): Promise< void > {
		if ( this.pluginActive === active ) {
			return;
		}
		setPluginActive( active );
		this.pluginActive = active;
		await this.get( this.pages[ 0 ].url );
	}

	/**
	 * Database queries of one request, from the bench mu-plugin's report (SAVEQUERIES is on for it).
	 *
	 * @param url     Absolute URL.
	 * @param headers Request headers.
	 * @param status  Expected status.
	 */
	async queryReport(
		url: string,
		headers: Record< string, string > = {},
		status = 200
	): Promise< QueryReport > {
		const id = `q${ process.pid }-${ ++this.queryReportSeq }`;
		await this.get(
			url,
			{ ...headers, [ QUERY_REPORT_HEADER ]: id },
			status
		);
		// The report is written at PHP shutdown, after the response: give it a moment.
		for ( let attempt = 0; attempt < 50; attempt++ ) {
			const file = queryLogPath( this.shop );
			if ( existsSync( file ) ) {
				const line = readFileSync( file, 'utf8' )
					.split( '\n' )
					.find( ( candidate ) =>
						candidate.includes( `"id":"${ id }"` )
					);
				if ( line ) {
					return JSON.parse( line ) as QueryReport;
				}
			}
			await new Promise( ( resolve ) => setTimeout( resolve, 100 ) );
		}
		throw new Error(
			`no query report for ${ url } (is tests/stack/bench/flashnode-bench.php installed?)`
		);
	}
}

interface QueryReport {
	id: string;
	uri: string;
	queries: number;
	savequeries: boolean;
	flashnode: Array< { sql: string; ms: number; caller: string } >;
	plugin_files: number;
}

/* ------------------------------------------------------------------ the run */

interface Samples {
	rest: Record< string, number[] >;
	/** `${ page id }:${ 'on' | 'off' }` → TTFB per round. */
	ttfb: Record< string, number[] >;
	rounds: number;
}

async function measureRounds( bench: Bench ): Promise< Samples > {
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

interface Queries {
	/** `${ page id }:${ 'on' | 'off' }` → median query count. */
	pages: Record< string, number >;
	/** Queries by or about the plugin on storefront pages with the plugin on (should be none). */
	pageFlashnode: string[];
	rest: Record< string, number >;
	restFlashnode: Record< string, string[] >;
	pluginFilesLoaded: Record< string, number >;
}

async function measureQueries( bench: Bench ): Promise< Queries > {
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

interface Throughput {
	health: number[];
	bare: number[];
	errors: number;
}

/**
 * Requests per second with BURST_SIZE concurrent requests: the health endpoint (anonymous and with the key,
 * alternately) against the no-op route, bursts alternating, the same way tests/e2e/load.spec.ts does.
 *
 * @param bench The bench.
 */
async function measureThroughput( bench: Bench ): Promise< Throughput > {
	log(
		`throughput: ${ BURSTS } × ${ BURST_SIZE } concurrent requests, health (mixed) and bare route alternately`
	);
	const authorization: Record< string, string > = {
		Authorization: basicAuth( bench.key ),
	};
	const health: BurstRequest[] = Array.from(
		{ length: BURST_SIZE },
		( _, index ) => ( {
			url: bench.shop.url + HEALTH_ROUTE,
			headers: index % 2 ? authorization : {},
		} )
	);
	const bare: BurstRequest[] = Array.from( { length: BURST_SIZE }, () => ( {
		url: bench.shop.url + NOOP_ROUTE,
	} ) );
	const result: Throughput = { health: [], bare: [], errors: 0 };
	for ( let round = 0; round < BURSTS; round++ ) {
		for ( const [ name, requests ] of round % 2
			? ( [
					[ 'health', health ],
					[ 'bare', bare ],
				] as const )
			: ( [
					[ 'bare', bare ],
					[ 'health', health ],
				] as const ) ) {
			const outcome = await burst( requests, bench.ca );
			const failed = outcome.outcomes.filter(
				( item ) => item instanceof Error || item.status !== 200
			);
			result.errors += failed.length;
			if ( failed.length ) {
				const first = failed[ 0 ];
				log(
					`${ name } burst: ${ failed.length } failed, e.g. ${ first instanceof Error ? first.message : `HTTP ${ first.status }` }`
				);
			}
			result[ name ].push( outcome.requestsPerSecond );
		}
	}
	return result;
}

interface Sizes {
	jsRaw: number;
	jsGzip: number;
	cssRaw: number;
	cssGzip: number;
	zip: number;
}

function fileSizes(): Sizes {
	const read = ( relative: string ) => {
		const file = join( repoRoot, relative );
		if ( ! existsSync( file ) ) {
			throw new Error(
				`${ relative } is missing: run npm run plugin-zip`
			);
		}
		return readFileSync( file );
	};
	const js = read( 'build/index.js' );
	const css = read( 'build/index.css' );
	read( 'dist/flashnode-connector.zip' );
	return {
		jsRaw: js.length,
		// Level 9, like a server's precompressed assets; level 6 (mod_deflate's default) differs by a few bytes.
		jsGzip: gzipSync( js, { level: 9 } ).length,
		cssRaw: css.length,
		cssGzip: gzipSync( css, { level: 9 } ).length,
		zip: statSync( join( repoRoot, 'dist/flashnode-connector.zip' ) ).size,
	};
}

/* ------------------------------------------------------------------ the report */

interface Stack {
	date: string;
	wordpress: string;
	woocommerce: string;
	php: string;
	database: string;
}

function renderReport(
	bench: Bench,
	stack: Stack,
	samples: Samples,
	queries: Queries,
	throughput: Throughput,
	autoloaded: Array< { name: string; bytes: number } >,
	sizes: Sizes
): string {
	const rest = ( id: string ) => median( samples.rest[ id ] );
	const ratio = ( a: string, b: string ) =>
		pairedRatio( samples.rest[ a ], samples.rest[ b ] );
	const pingBare = ratio( 'ping', 'bare' );
	const noise = ratio( 'bare-again', 'bare' );
	const diagBare = ratio( 'diag', 'bare' );
	const timing = [
		'| measurement | median ms | ratio | target | met? |',
		'|---|---:|---:|---|---|',
		`| health ping, anonymous (\`GET ${ HEALTH_ROUTE }\`) | ${ ms( rest( 'ping' ) ) } | ${ times( pingBare ) } bare route | ≤ 1.0× bare route | ${ meets( pingBare, 1.0, noise ) } |`,
		`| health ping vs WooCommerce system_status | | ${ times( ratio( 'ping', 'status' ) ) } system_status | — | |`,
		`| bare REST no-op route (test mu-plugin) | ${ ms( rest( 'bare' ) ) } | 1× | reference | |`,
		`| noise floor: the bare route again, as if it were another route | ${ ms( rest( 'bare-again' ) ) } | ${ times( noise ) } bare route | — | |`,
		`| WooCommerce \`GET /wc/v3/system_status\` (API key, Basic Auth) | ${ ms( rest( 'status' ) ) } | ${ times( ratio( 'status', 'bare' ) ) } bare route | reference | |`,
		`| health diagnosis (API key, \`?details=true\`) | ${ ms( rest( 'diag' ) ) } | ${ times( diagBare ) } bare route | ≤ 1.3× bare route | ${ meets( diagBare, 1.3, noise ) } |`,
		`| health diagnosis vs system_status | | ${ times( ratio( 'diag', 'status' ) ) } system_status | — | |`,
	];
	for ( const page of bench.pages ) {
		const on = samples.ttfb[ `${ page.id }:on` ];
		const off = samples.ttfb[ `${ page.id }:off` ];
		const pageRatio = pairedRatio( on, off );
		timing.push(
			`| storefront ${ page.label }: TTFB, plugin active (inactive: ${ ms( median( off ) ) } ms) | ${ ms( median( on ) ) } | ${ times( pageRatio ) } inactive | ≤ 1.02× | ${ meets( pageRatio, 1.02, noise ) } |`
		);
	}

	const overKb = autoloaded.filter( ( option ) => option.bytes > 1024 );
	const healthRps = median( throughput.health );
	const bareRps = median( throughput.bare );
	const other = [
		'| measurement | value | target | met? |',
		'|---|---|---|---|',
	];
	for ( const page of bench.pages ) {
		const on = queries.pages[ `${ page.id }:on` ];
		const off = queries.pages[ `${ page.id }:off` ];
		other.push(
			`| storefront ${ page.label }: DB queries active / inactive | ${ on } / ${ off } (${ on - off >= 0 ? '+' : '' }${ on - off }) | 0 extra | ${ yesNo( on - off <= 0 ) } |`
		);
	}
	other.push(
		`| storefront: queries by or about the plugin (SAVEQUERIES) | ${ queries.pageFlashnode.length } | 0 | ${ yesNo( queries.pageFlashnode.length === 0 ) } |`,
		`| autoloaded \`flashnode%\` options | ${ autoloaded.length ? autoloaded.map( ( option ) => `${ option.name } ${ option.bytes } B` ).join( ', ' ) : 'none' } | none over 1 KB | ${ yesNo( overKb.length === 0 ) } |`,
		`| DB queries per request: health ping / bare route / diagnosis / system_status | ${ queries.rest.ping } / ${ queries.rest.bare } / ${ queries.rest.diag } / ${ queries.rest.status } | — | |`,
		`| throughput, ${ BURST_SIZE } concurrent, new connection each: health (½ anonymous, ½ API key) / bare route | ${ healthRps.toFixed( 1 ) } / ${ bareRps.toFixed( 1 ) } req/s (${ times( healthRps / bareRps ) }), ${ throughput.errors } errors | 0 errors | ${ yesNo( throughput.errors === 0 ) } |`,
		`| settings page JS \`build/index.js\` | ${ kb( sizes.jsRaw ) } raw, ${ kb( sizes.jsGzip ) } gzipped | ≤ 25 KB gzipped | ${ yesNo( sizes.jsGzip <= 25 * 1024 ) } |`,
		`| settings page CSS \`build/index.css\` | ${ kb( sizes.cssRaw ) } raw, ${ kb( sizes.cssGzip ) } gzipped | — | |`,
		`| plugin zip \`dist/flashnode-connector.zip\` | ${ kb( sizes.zip ) } | ≤ 150 KB | ${ yesNo( sizes.zip <= 150 * 1024 ) } |`
	);

	const restFlashnode = Object.entries( queries.restFlashnode )
		.filter( ( [ , list ] ) => list.length )
		.map(
			( [ id, list ] ) =>
				`  - ${ id }: ${ list.map( ( sql ) => `\`${ sql }\`` ).join( '; ' ) }`
		);
	const load = loadavg()
		.map( ( value ) => value.toFixed( 2 ) )
		.join( ' ' );
	return [
		'# Performance',
		'',
		`Measured ${ stack.date } by \`npm run bench\` on the local shop: WordPress ${ stack.wordpress }, WooCommerce ${ stack.woocommerce }, PHP ${ stack.php } (Apache mod_php, prefork), ${ stack.database }; HTTPS on 127.0.0.1, one kept-alive connection for the timed requests.`,
		'',
		`${ samples.rounds } rounds${ samples.rounds < ROUNDS ? ` (of ${ ROUNDS }; BENCH_MAX_SECONDS reached)` : '' } after ${ WARMUP } warm-up round(s); in each round every route and every storefront page (plugin active and inactive) was requested once, back to back, in rotating order. Medians of the rounds; a ratio is the median of the per-round ratios. REST routes: time to the last byte; storefront: time to first byte. Load average at the end: ${ load } (timings on a shared machine are noisy: compare ratios, not milliseconds).`,
		'',
		...timing,
		'',
		...other,
		'',
		'Plugin files loaded on storefront pages (active / inactive): ' +
			bench.pages
				.map(
					( page ) =>
						`${ page.id } ${ queries.pluginFilesLoaded[ `${ page.id }:on` ] } / ${ queries.pluginFilesLoaded[ `${ page.id }:off` ] }`
				)
				.join( ', ' ) +
			'.',
		...( restFlashnode.length
			? [
					'',
					'Queries by or about the plugin in one REST request of each route:',
					'',
					...restFlashnode,
				]
			: [] ),
		'',
	].join( '\n' );
}

/* ------------------------------------------------------------------ main */

async function main(): Promise< void > {
	const started = Date.now();
	startShop();
	const shop = readShop();
	const cleanups: Array< () => void > = [];
	const cleanup = () => {
		for ( const step of cleanups.reverse() ) {
			try {
				step();
			} catch ( error ) {
				log( `cleanup: ${ ( error as Error ).message }` );
			}
		}
		cleanups.length = 0;
	};
	const onSignal = () => {
		cleanup();
		process.exit( 130 );
	};
	process.on( 'SIGINT', onSignal );
	process.on( 'SIGTERM', onSignal );

	try {
		installBenchMuPlugin( shop );
		cleanups.push( () => removeBenchMuPlugin( shop ) );
		installQueryReporting( shop );
		cleanups.push( () => removeQueryReporting( shop ) );
		const key = createApiKey( 'read' );
		cleanups.push( () => deleteApiKey( key ) );
		// Whatever happens, the plugin is left active.
		cleanups.push( () => setPluginActive( true ) );
		setPluginActive( true );

		const bench = new Bench( shop, key );
		const urls = JSON.parse(
			wp( 'eval-file', supportScript, 'storefront' )
		) as Record< 'home' | 'product' | 'cart', string >;
		bench.pages = [
			{ id: 'home', label: 'home', url: urls.home },
			{
				id: 'product',
				label: `product page (${ new URL( urls.product ).pathname })`,
				url: urls.product,
			},
			{
				id: 'cart',
				label: `cart (${ new URL( urls.cart ).pathname })`,
				url: urls.cart,
			},
		];

		const diag = JSON.parse(
			( await bench.probe( bench.probeById( 'diag' ) ) ).body
		) as { versions: { php: string } };
		const status = JSON.parse(
			( await bench.probe( bench.probeById( 'status' ) ) ).body
		) as {
			environment?: { mysql_version_string?: string };
		};
		const stack: Stack = {
			date:
				new Date().toISOString().replace( 'T', ' ' ).slice( 0, 16 ) +
				' UTC',
			wordpress: shop.wpVersion,
			woocommerce: shop.wcVersion,
			php: diag.versions.php,
			database: status.environment?.mysql_version_string
				? `MariaDB/MySQL ${ status.environment.mysql_version_string }`
				: 'MariaDB',
		};

		const samples = await measureRounds( bench );
		const queries = await measureQueries( bench );
		const throughput = await measureThroughput( bench );
		const autoloaded = JSON.parse(
			wp( 'eval-file', supportScript, 'autoloaded' )
		) as Array< { name: string; bytes: number } >;
		const text = renderReport(
			bench,
			stack,
			samples,
			queries,
			throughput,
			autoloaded,
			fileSizes()
		);
		bench.agent.destroy();
		writeFileSync( RESULTS_FILE, text );
		process.stdout.write( `\n${ text }\n` );
		log(
			`wrote ${ RESULTS_FILE } in ${ Math.round( ( Date.now() - started ) / 1000 ) } s`
		);
	} finally {
		cleanup();
	}
}

main().catch( ( error: Error ) => {
	process.stderr.write(
		`[bench] failed: ${ error.stack ?? error.message }\n`
	);
	process.exit( 1 );
} );
