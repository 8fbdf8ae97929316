/**
 * The plugin's own push deliveries under faults, end to end (issue "Push that never gives up";
 * bench/lib/reliability-push.ts, which `npm run bench:reliability -- --push` runs at ≥ 2,000 changes): two services
 * connected through the approval route with a delivery address and the order topics, one in WooCommerce's webhook
 * format, one in the flashnode format, at the same time. REST writers (some orders deleted), storefront shoppers
 * and the owner's bulk actions change orders while each receiver is down, answers 500 (then 200 after 15 s), hangs
 * past the 10 s timeout and fails half the events of a batch, in turn, on tracks offset so that one receiver's
 * fault overlaps the other's healthy stretch. WooCommerce's Action Scheduler runner drives the queue; the retry
 * schedule is compressed by the test-only mu-plugin.
 *
 * Ground truth is WooCommerce's own final state of every order (GET wc/v3/orders/<id>): no order's final state
 * missing at either receiver, no event id the feed lists for the connection left undelivered, duplicates only as
 * retries of one event id, strictly in cursor order, every signature valid (X-WC-Webhook-Signature checked with
 * WooCommerce's algorithm), and a hanging receiver never stopped the other connection.
 */
import { pushPassed } from '../../bench/lib/reliability-push-bench';
import { runPushReliability } from '../../bench/lib/reliability-push';
import { pushSummary } from '../../bench/lib/reliability-push-report';
import { expect, test } from './fixtures';
import { currentStorage } from './order-storage';
import { readShop } from './shop';
import { createApiKey, deleteApiKey, type ApiKey } from './support';

let key: ApiKey;

test.beforeAll( () => {
	key = createApiKey( 'read_write' );
} );

test.afterAll( () => {
	deleteApiKey( key );
} );

test( 'every order change pushed to both services, in order, signed, retried through down, 500, hang and half-failing receivers', async () => {
	test.setTimeout( 600_000 );
	const progress: string[] = [];
	const result = await runPushReliability( {
		shop: readShop(),
		key,
		storage: currentStorage(),
		targetChanges: 200,
		restWriters: 1,
		checkoutWriters: 1,
		writerPauseMs: 5000,
		deleteEvery: 4,
		faultSeconds: 16,
		gapSeconds: 4,
		runners: 2,
		retryDelays: [ 1, 2, 3 ],
		maxSeconds: 560,
		log: ( line ) =>
			progress.push( `${ new Date().toISOString() } ${ line }` ),
	} );
	const summary = pushSummary( result );
	await test.info().attach( 'progress', { body: progress.join( '\n' ) } );
	await test.info().attach( 'verdicts', {
		body: JSON.stringify( result.connections, null, 1 ),
		contentType: 'application/json',
	} );
	// eslint-disable-next-line no-console -- the counts are part of the proof.
	console.log( `push deliveries: ${ summary }` );
	test.info().annotations.push( {
		type: 'push deliveries',
		description: summary,
	} );

	// The writers really wrote, through every entry point.
	expect( result.writerErrors ).toEqual( [] );
	expect( result.changes ).toBeGreaterThanOrEqual( 200 );
	expect( result.checkouts ).toBeGreaterThan( 0 );
	expect( result.deleted ).toBeGreaterThan( 0 );
	expect( result.bulk.actions ).toBeGreaterThan( 0 );
	expect( result.runnerErrors ).toEqual( [] );
	expect( result.caughtUp ).toBe( true );
	expect( result.connections.map( ( c ) => c.format ).sort() ).toEqual( [
		'flashnode',
		'woocommerce',
	] );

	for ( const c of result.connections ) {
		const v = c.verdict;
		// Ground truth: WooCommerce's final state of every order the writers made.
		expect( v.lost, `${ c.format }: orders unlike the shop` ).toEqual( [] );
		expect( v.undelivered, `${ c.format }: never delivered` ).toEqual( [] );
		expect( v.phantoms, `${ c.format }: never listed` ).toEqual( [] );
		expect( v.notRetries, `${ c.format }: duplicates` ).toEqual( [] );
		expect( v.outOfOrder, `${ c.format }: order` ).toEqual( [] );
		expect( v.badSignatures, `${ c.format }: signatures` ).toBe( 0 );
		expect( v.wrongTopics, `${ c.format }: topics` ).toEqual( [] );
		expect( v.stalePayloads, `${ c.format }: stale payloads` ).toEqual(
			[]
		);
		// Each receiver went through all four faults.
		expect(
			[ ...new Set( c.faults.map( ( w ) => w.mode ) ) ].sort()
		).toEqual( [ 'down', 'error', 'half', 'hang' ] );
		// One connection's hanging receiver does not stop the other's deliveries.
		for ( const window of c.otherDuringFault.filter(
			( w ) => w.mode === 'hang'
		) ) {
			expect( window.other, `${ c.format } hung` ).toBeGreaterThan( 0 );
		}
	}
	// The faults met deliveries and were retried through. Counted over both connections: whether a fault window
	// meets one connection's batch depends on the queue runners' timing (a CI run once saw one connection's
	// batches fall between its fault windows), and the verdicts above hold for each connection either way.
	const sum = (
		pick: ( c: ( typeof result.connections )[ number ] ) => number
	) => result.connections.reduce( ( total, c ) => total + pick( c ), 0 );
	expect( sum( ( c ) => c.verdict.failedOnPurpose ) ).toBeGreaterThan( 0 );
	expect( sum( ( c ) => c.verdict.retries ) ).toBeGreaterThan( 0 );
	expect( sum( ( c ) => c.retriedAttempts ) ).toBeGreaterThan( 0 );
	expect( pushPassed( result ) ).toBe( true );
} );
