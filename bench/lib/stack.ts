/**
 * The bench's test-only additions to the local shop (tests/stack/bench/), installed for a run and removed after.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { repoRoot, type Shop } from '../../tests/e2e/shop';

export const HEALTH_ROUTE = '/wp-json/wc-flashnode/v1/health';
/** Registered by tests/stack/bench/flashnode-bench.php. */
export const NOOP_ROUTE = '/wp-json/flashnode-bench/v1/noop';
/** The same, for a request with a WooCommerce API key (its namespace starts with wc-, so WooCommerce authenticates it). */
export const AUTH_NOOP_ROUTE = '/wp-json/wc-flashnode-bench/v1/noop';
export const SYSTEM_STATUS_ROUTE = '/wp-json/wc/v3/system_status';
/** Header that makes the bench mu-plugin report a request's database queries. */
export const QUERY_REPORT_HEADER = 'X-Flashnode-Bench-Queries';

const stackDir = join( repoRoot, 'tests/stack/bench' );

const muPluginPath = ( shop: Shop ) =>
	join( shop.wordpressDir, 'wp-content/mu-plugins/flashnode-bench.php' );

/**
 * Where wp-config.php looks for the SAVEQUERIES drop-in (bin/shop/lib/wordpress.sh).
 * @param shop
 */
const configDropInPath = ( shop: Shop ) =>
	join( dirname( shop.wordpressDir ), 'state/wp-config-bench.php' );

/**
 * Lines the mu-plugin writes for requests with QUERY_REPORT_HEADER.
 * @param shop
 */
export const queryLogPath = ( shop: Shop ) =>
	join( dirname( shop.wordpressDir ), 'logs/bench-queries.jsonl' );

/**
 * The no-op REST route (and the query report), as a must-use plugin.
 * @param shop
 */
export function installBenchMuPlugin( shop: Shop ): void {
	copyFileSync(
		join( stackDir, 'flashnode-bench.php' ),
		muPluginPath( shop )
	);
}

export function removeBenchMuPlugin( shop: Shop ): void {
	rmSync( muPluginPath( shop ), { force: true } );
}

/**
 * SAVEQUERIES for the requests that ask for a query report.
 * @param shop
 */
export function installQueryReporting( shop: Shop ): void {
	copyFileSync(
		join( stackDir, 'wp-config-bench.php' ),
		configDropInPath( shop )
	);
	rmSync( queryLogPath( shop ), { force: true } );
}

export function removeQueryReporting( shop: Shop ): void {
	rmSync( configDropInPath( shop ), { force: true } );
	rmSync( queryLogPath( shop ), { force: true } );
}
