/**
 * Requests per second under concurrent bursts, and the sizes of what the plugin ships.
 */
import AdmZip from 'adm-zip';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { repoRoot } from '../../tests/e2e/shop';
import { basicAuth } from '../../tests/e2e/support';
import type { Bench } from './bench';
import { BURST_SIZE, BURSTS, log } from './config';
import { burst, type BurstRequest } from './http';
import { HEALTH_ROUTE, NOOP_ROUTE } from './stack';

export interface Throughput {
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
export async function measureThroughput( bench: Bench ): Promise< Throughput > {
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

export interface Sizes {
	jsRaw: number;
	jsGzip: number;
	cssRaw: number;
	cssGzip: number;
	zip: number;
	/** Compressed bytes in the zip per shipped language (its .mo and script JSON). */
	languages: Record< string, number >;
}

export function fileSizes(): Sizes {
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
		languages: languageSizes(
			join( repoRoot, 'dist/flashnode-connector.zip' )
		),
	};
}

/**
 * The translations' share of the zip, per locale: they grow with every string, the code does not.
 *
 * @param zipFile The plugin zip.
 */
function languageSizes( zipFile: string ): Record< string, number > {
	const sizes: Record< string, number > = {};
	for ( const entry of new AdmZip( zipFile ).getEntries() ) {
		const match =
			/\/languages\/flashnode-connector-([a-z]{2}(?:_[A-Z]{2})?)[.-]/.exec(
				entry.entryName
			);
		if ( match ) {
			sizes[ match[ 1 ] ] =
				( sizes[ match[ 1 ] ] ?? 0 ) + entry.header.compressedSize;
		}
	}
	return sizes;
}
