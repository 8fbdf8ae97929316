/**
 * The health endpoint under load, as a fleet of integration servers polling at the same moment would put it:
 * 200 concurrent HTTPS requests (Node's https module, each on its own connection), anonymous and with an API
 * key mixed. Every one must get its proper answer. Throughput is logged next to a bare WordPress REST route
 * (tests/stack/bench/flashnode-bench.php, installed for this file only) measured the same way; `npm run bench`
 * reports the same ratio.
 */
import { readFileSync } from 'node:fs';

import { burst, type BurstRequest, type Timed } from '../../bench/lib/http';
import {
	HEALTH_ROUTE,
	NOOP_ROUTE,
	installBenchMuPlugin,
	removeBenchMuPlugin,
} from '../../bench/lib/stack';
import { expect, test } from './fixtures';
import { readShop } from './shop';
import { basicAuth, createApiKey, deleteApiKey, type ApiKey } from './support';

const shop = readShop();
const CONCURRENT = 200;

let key: ApiKey;
let ca: string;

test.beforeAll( () => {
	ca = readFileSync( shop.caFile, 'utf8' );
	key = createApiKey( 'read' );
	installBenchMuPlugin( shop );
} );

test.afterAll( () => {
	removeBenchMuPlugin( shop );
	deleteApiKey( key );
} );

/**
 * What is wrong with one answer of the health burst, or null when it is the expected one.
 *
 * @param outcome       Response or error.
 * @param authenticated Whether the request carried the key.
 */
function healthProblem(
	outcome: Timed | Error,
	authenticated: boolean
): string | null {
	if ( outcome instanceof Error ) {
		return outcome.message;
	}
	if ( outcome.status !== 200 ) {
		return `HTTP ${ outcome.status }: ${ outcome.body.slice( 0, 200 ) }`;
	}
	let body: { status?: string; authenticated?: boolean };
	try {
		body = JSON.parse( outcome.body );
	} catch {
		return `not JSON: ${ outcome.body.slice( 0, 200 ) }`;
	}
	if (
		authenticated
			? body.authenticated !== true
			: body.status !== 'ok' || 'authenticated' in body
	) {
		return `unexpected ${ authenticated ? 'diagnosis' : 'anonymous answer' }: ${ outcome.body.slice( 0, 200 ) }`;
	}
	return null;
}

test( `${ CONCURRENT } concurrent health requests, anonymous and with a key: every one answered, throughput logged`, async () => {
	// Bursts of 200 on a 2-core test machine take seconds each.
	test.setTimeout( 180_000 );
	const authorization: Record< string, string > = {
		Authorization: basicAuth( key ),
	};
	const health: BurstRequest[] = Array.from(
		{ length: CONCURRENT },
		( _, index ) => ( {
			url: shop.url + HEALTH_ROUTE,
			headers: index % 2 ? authorization : {},
		} )
	);
	const bare: BurstRequest[] = Array.from( { length: CONCURRENT }, () => ( {
		url: shop.url + NOOP_ROUTE,
	} ) );

	// Warm-up: PHP's opcode cache and Apache's worker pool, so neither burst pays for them.
	await burst( health.slice( 0, 24 ), ca );
	await burst( bare.slice( 0, 24 ), ca );

	const bareRun = await burst( bare, ca );
	const healthRun = await burst( health, ca );

	const problems = healthRun.outcomes
		.map( ( outcome, index ) => healthProblem( outcome, index % 2 === 1 ) )
		.filter( ( problem ): problem is string => problem !== null );
	expect( problems, 'health answers that were not as expected' ).toEqual(
		[]
	);
	const bareProblems = bareRun.outcomes.filter(
		( outcome ) => outcome instanceof Error || outcome.status !== 200
	);
	expect( bareProblems, 'bare route failures' ).toEqual( [] );

	const line = `throughput with ${ CONCURRENT } concurrent requests: health (half anonymous, half with a key) ${ healthRun.requestsPerSecond.toFixed(
		1
	) } req/s, bare REST route ${ bareRun.requestsPerSecond.toFixed(
		1
	) } req/s, ratio ${ (
		healthRun.requestsPerSecond / bareRun.requestsPerSecond
	).toFixed( 3 ) }`;
	// eslint-disable-next-line no-console -- the measurement is the point of this log line.
	console.log( line );
	test.info().annotations.push( { type: 'throughput', description: line } );
} );
