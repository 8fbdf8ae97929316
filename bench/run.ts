/**
 * `npm run bench`: side-by-side measurements on the local shop (loopback only), written to bench/results.md.
 *
 * Starts the shop if needed, installs the bench stack (tests/stack/bench/: a bare REST no-op route, a query
 * report, SAVEQUERIES for the requests that ask for it) and a WooCommerce API key, warms up, then runs N rounds
 * in which every compared route is requested once, back to back, in a rotating order: the machine's noise hits
 * all of them alike. Reports medians and ratios against the targets; it never fails on a missed target, only
 * when a measurement cannot be taken (a request answered with an unexpected status, the shop does not start).
 *
 * Environment: BENCH_ROUNDS, BENCH_WARMUP, BENCH_MAX_SECONDS, BENCH_BURST, BENCH_BURSTS (see lib/config.ts), the
 * shop's FLASHNODE_SHOP_DIR (default .shop/) and FLASHNODE_HTTP_PORT / FLASHNODE_HTTPS_PORT / FLASHNODE_DB_PORT
 * (taken from the existing shop when unset). The pieces: lib/bench.ts (what is measured), lib/measure.ts and
 * lib/throughput.ts (the measurements), lib/report.ts (the text); the push deliveries next to WooCommerce's
 * webhooks: lib/push-bench.ts.
 */
import { writeFileSync } from 'node:fs';

import { readShop, wp } from '../tests/e2e/shop';
import { createApiKey, deleteApiKey } from '../tests/e2e/support';
import { Bench } from './lib/bench';
import { RESULTS_FILE, log } from './lib/config';
import { measureQueries, measureRounds } from './lib/measure';
import { measureOwnerPath, renderOwnerPath } from './lib/owner-path';
import { measurePushBench } from './lib/push-bench';
import { renderPushBench } from './lib/push-bench-report';
import { renderReport, type Stack } from './lib/report';
import { measureScale } from './lib/scale';
import { renderScale } from './lib/scale-report';
import { setPluginActive, startShop, supportScript } from './lib/shop-control';
import {
	installBenchMuPlugin,
	installQueryReporting,
	removeBenchMuPlugin,
	removeQueryReporting,
} from './lib/stack';
import { fileSizes, measureThroughput } from './lib/throughput';

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
		// The small shop's measurements above; then the change feed at scale and the owner's one-click path.
		const scale = await measureScale( bench );
		const ownerPath = measureOwnerPath();
		// Last: it adds orders, connections and a webhook of its own (and removes them again).
		const pushBench = await measurePushBench( shop );
		const text = [
			renderReport(
				bench,
				stack,
				samples,
				queries,
				throughput,
				autoloaded,
				fileSizes()
			),
			renderScale( scale ),
			renderOwnerPath( ownerPath ),
			renderPushBench( pushBench ),
		].join( '\n' );
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
