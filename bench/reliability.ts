/**
 * `npm run bench:reliability`: the change feed's fault test (bench/lib/reliability.ts) at scale — by default
 * 2,000 changes — written to bench/reliability-results.md, into the section of the shop's order storage (HPOS or
 * posts storage; the other sections stay as they were). `-- --push`: the push deliveries' fault test instead
 * (bench/lib/reliability-push.ts, ≥ 2,000 changes over ≥ 200 orders), into its own section. Kept out of `npm run
 * bench`, whose timed rounds it would disturb. Environment: RELIABILITY_CHANGES (2000), RELIABILITY_MAX_SECONDS
 * (900; push: 1800), and the shop's FLASHNODE_SHOP_DIR / ports / FLASHNODE_HPOS like the rest of the tooling.
 * Exits 1 when an order was lost, a log row was wrong or a change was repeated after de-duplication (push: an
 * order's final state missing, an event never delivered, a duplicate that is not a retry, a bad signature).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { currentStorage } from '../tests/e2e/order-storage';
import { readShop, repoRoot } from '../tests/e2e/shop';
import { createApiKey, deleteApiKey } from '../tests/e2e/support';
import { log } from './lib/config';
import { runReliability, type ReliabilityOptions } from './lib/reliability';
import { pushPassed, runPushBench } from './lib/reliability-push-bench';
import {
	HEADINGS,
	renderReliabilitySection,
	reliabilitySummary,
	stackLabel,
	writeReliabilitySection,
} from './lib/reliability-report';
import { startShop } from './lib/shop-control';

const intFromEnv = ( name: string, fallback: number ) =>
	Number.parseInt( process.env[ name ] ?? '', 10 ) || fallback;

async function main(): Promise< number > {
	startShop();
	const shop = readShop();
	const storage = currentStorage();
	log( `order storage: ${ storage === 'hpos' ? 'HPOS' : 'posts' }` );
	const key = createApiKey( 'read_write' );
	const file = join( repoRoot, 'bench/reliability-results.md' );
	try {
		if ( process.argv.includes( '--push' ) ) {
			return pushPassed(
				await runPushBench( shop, key, storage, file, {
					targetChanges: intFromEnv( 'RELIABILITY_CHANGES', 2000 ),
					maxSeconds: intFromEnv( 'RELIABILITY_MAX_SECONDS', 1800 ),
				} )
			)
				? 0
				: 1;
		}
		const options: ReliabilityOptions = {
			shop,
			key,
			targetChanges: intFromEnv( 'RELIABILITY_CHANGES', 2000 ),
			restWriters: 4,
			checkoutWriters: 2,
			limit: 100,
			failSeconds: 5,
			maxSeconds: intFromEnv( 'RELIABILITY_MAX_SECONDS', 900 ),
			cursorFile: join(
				mkdtempSync( join( tmpdir(), 'flashnode-reliability-' ) ),
				'cursor.json'
			),
			log,
		};
		const result = await runReliability( options );
		writeReliabilitySection(
			file,
			HEADINGS[ storage ],
			renderReliabilitySection(
				options,
				result,
				stackLabel( shop ),
				storage
			)
		);
		log( reliabilitySummary( result ) );
		// Every problem line, where the report lists ten.
		[ ...result.lost, ...result.rowsWrong ].forEach( ( line ) =>
			log( line )
		);
		log( `wrote ${ file }` );
		return result.lost.length === 0 &&
			result.rowsWrong.length === 0 &&
			result.duplicatesAfterDedup === 0
			? 0
			: 1;
	} finally {
		deleteApiKey( key );
	}
}

main().then(
	( code ) => process.exit( code ),
	( error: Error ) => {
		process.stderr.write(
			`[bench] failed: ${ error.stack ?? error.message }\n`
		);
		process.exit( 1 );
	}
);
