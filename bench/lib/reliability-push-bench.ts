/**
 * `npm run bench:reliability -- --push`: the push fault run (reliability-push.ts) at scale, written into its
 * section of bench/reliability-results.md; and the pass rule shared with tests/e2e/push-deliveries.spec.ts.
 */

import type { Storage } from '../../tests/e2e/order-storage';
import type { Shop } from '../../tests/e2e/shop';
import type { ApiKey } from '../../tests/e2e/support';
import { log } from './config';
import type { PushOptions, PushResult } from './push-types';
import { runPushReliability } from './reliability-push';
import { pushSummary, renderPushSection } from './reliability-push-report';
import {
	PUSH_HEADINGS,
	stackLabel,
	writeReliabilitySection,
} from './reliability-report';

/**
 * Whether the run kept the promise: caught up, and per connection no order lacking its final state, no event id
 * undelivered, no duplicate other than a retry, nothing out of order, every signature valid.
 *
 * @param r The run's result.
 */
export function pushPassed( r: PushResult ): boolean {
	return (
		r.caughtUp &&
		r.connections.every(
			( { verdict: v } ) =>
				v.lost.length === 0 &&
				v.undelivered.length === 0 &&
				v.notRetries.length === 0 &&
				v.outOfOrder.length === 0 &&
				v.badSignatures === 0 &&
				v.phantoms.length === 0
		)
	);
}

export async function runPushBench(
	shop: Shop,
	key: ApiKey,
	storage: Storage,
	file: string,
	scale: Pick< PushOptions, 'targetChanges' | 'maxSeconds' >
): Promise< PushResult > {
	const options: PushOptions = {
		shop,
		key,
		storage,
		...scale,
		restWriters: 4,
		checkoutWriters: 2,
		deleteEvery: 10,
		writerPauseMs: 0,
		faultSeconds: 20,
		gapSeconds: 10,
		runners: 2,
		retryDelays: [ 1, 2, 3 ],
		log,
	};
	const result = await runPushReliability( options );
	writeReliabilitySection(
		file,
		PUSH_HEADINGS[ storage ],
		renderPushSection( options, result, stackLabel( shop ), storage )
	);
	log( pushSummary( result ) );
	for ( const c of result.connections ) {
		[ ...c.verdict.lost, ...c.verdict.notRetries, ...c.verdict.outOfOrder ]
			.slice( 0, 20 )
			.forEach( ( line ) => log( `${ c.format }: ${ line }` ) );
	}
	log( `wrote ${ file }` );
	return result;
}
