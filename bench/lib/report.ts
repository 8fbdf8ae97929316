/**
 * bench/results.md from the measurements.
 */
import { loadavg } from 'node:os';

import type { Bench } from './bench';
import { BURST_SIZE, ROUNDS, WARMUP } from './config';
import type { Queries, Samples } from './measure';
import { kb, meets, median, ms, pairedRatio, times, yesNo } from './stats';
import { HEALTH_ROUTE } from './stack';
import type { Sizes, Throughput } from './throughput';

export interface Stack {
	date: string;
	wordpress: string;
	woocommerce: string;
	php: string;
	database: string;
}

export function renderReport(
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
	const translations = Object.values( sizes.languages ).reduce(
		( sum, bytes ) => sum + bytes,
		0
	);
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
		`| plugin zip \`dist/flashnode-connector.zip\` without translations | ${ kb( sizes.zip - translations ) } (with them: ${ kb( sizes.zip ) }) | ≤ 200 KB | ${ yesNo( sizes.zip - translations <= 200 * 1024 ) } |`,
		`| translations in the zip, per language (.mo + script JSON, compressed) | ${ Object.entries(
			sizes.languages
		)
			.map( ( [ locale, bytes ] ) => `${ locale } ${ kb( bytes ) }` )
			.join(
				', '
			) } | ≤ 40 KB each | ${ yesNo( Object.values( sizes.languages ).every( ( bytes ) => bytes <= 40 * 1024 ) ) } |`
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
