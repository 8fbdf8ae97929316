/**
 * The bench's settings from the environment: BENCH_ROUNDS (60), BENCH_WARMUP (3), BENCH_MAX_SECONDS (150, after
 * which no new round starts), BENCH_BURST (200 concurrent requests per throughput burst), BENCH_BURSTS (2 per
 * route); and its log.
 */
import { join } from 'node:path';

import { repoRoot } from '../../tests/e2e/shop';

export const intFromEnv = ( name: string, fallback: number ) => {
	const value = Number.parseInt( process.env[ name ] ?? '', 10 );
	return Number.isFinite( value ) && value > 0 ? value : fallback;
};

export const ROUNDS = intFromEnv( 'BENCH_ROUNDS', 60 );
export const WARMUP = intFromEnv( 'BENCH_WARMUP', 3 );
export const MAX_SECONDS = intFromEnv( 'BENCH_MAX_SECONDS', 150 );
export const BURST_SIZE = intFromEnv( 'BENCH_BURST', 200 );
export const BURSTS = intFromEnv( 'BENCH_BURSTS', 2 );
export const QUERY_SAMPLES = 4;
export const RESULTS_FILE = join( repoRoot, 'bench/results.md' );

export const log = ( message: string ) =>
	process.stderr.write( `[bench] ${ message }\n` );
