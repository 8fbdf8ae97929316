/**
 * The change feed under faults, end to end (bench/lib/reliability.ts; `npm run bench:reliability` runs the same
 * at ≥ 2,000 changes): REST and storefront writers at once, the follow-mode puller SIGKILLed mid-batch and
 * restarted, its handler failing for a while, its clock ±10 minutes off, a webhook disabled by WooCommerce.
 * Every recorded change reaches the handler; after de-duplication by order id and modified_gmt none is twice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runReliability } from '../../bench/lib/reliability';
import { reliabilitySummary } from '../../bench/lib/reliability-report';
import { expect, test } from './fixtures';
import { readShop } from './shop';
import { createApiKey, deleteApiKey, type ApiKey } from './support';

let key: ApiKey;
const LIMIT = 20;

test.beforeAll( () => {
	key = createApiKey( 'read_write' );
} );

test.afterAll( () => {
	deleteApiKey( key );
} );

test( 'no change lost, none twice after de-duplication, under kills, handler failures, clock skew and a disabled webhook', async () => {
	test.setTimeout( 240_000 );
	const progress: string[] = [];
	const result = await runReliability( {
		shop: readShop(),
		key,
		targetChanges: 120,
		restWriters: 2,
		checkoutWriters: 2,
		limit: LIMIT,
		failSeconds: 4,
		maxSeconds: 200,
		cursorFile: join(
			mkdtempSync( join( tmpdir(), 'flashnode-reliability-' ) ),
			'cursor.json'
		),
		log: ( line ) =>
			progress.push( `${ new Date().toISOString() } ${ line }` ),
	} );
	const summary = reliabilitySummary( result );
	await test.info().attach( 'progress', { body: progress.join( '\n' ) } );
	// eslint-disable-next-line no-console -- the counts are part of the proof.
	console.log( `reliability: ${ summary }` );
	test.info().annotations.push( {
		type: 'reliability',
		description: summary,
	} );

	expect( result.writerErrors ).toEqual( [] );
	expect( result.changes ).toBeGreaterThanOrEqual( 120 );
	expect( result.checkouts ).toBeGreaterThan( 0 );
	// Ground truth is WooCommerce's state of every order the writers made, not the change log.
	expect( result.lost ).toEqual( [] );
	expect( result.rowsWrong ).toEqual( [] );
	expect( result.orders ).toBeGreaterThan( 0 );
	expect( result.phantoms ).toEqual( [] );
	expect( result.duplicatesAfterDedup ).toBe( 0 );
	// Sent again: only the batch the kill interrupted (a failing handler's batch resumes where it stopped).
	expect( result.repeatedCursors ).toBeLessThanOrEqual( LIMIT );
	expect( result.withoutOrder ).toBe( 0 );
	// The faults really happened.
	expect( result.killedAtDelivery ).toBeGreaterThan( 0 );
	expect( result.refusedWhileFailing ).toBeGreaterThan( 0 );
	expect( result.webhookStatus ).toBe( 'disabled' );
	expect( result.changesAfterWebhookDisabled ).toBeGreaterThan( 0 );
	expect( result.pullerExits ).toEqual( [
		'killed: SIGKILL',
		'stopped: 0',
		'resumed --once: 0',
	] );
	expect( result.secretLogged ).toBe( false );
} );
