/**
 * The reference puller (src/puller) as the integration server: health, then one polling run against real orders.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runProbe } from '../../src/puller/probe';
import { expect, test } from './fixtures';
import { readShop, repoRoot } from './shop';
import {
	createApiKey,
	createOrder,
	deleteApiKey,
	deleteOrders,
	type ApiKey,
} from './support';

const shop = readShop();
const OVERLAP_SECONDS = 60;
// Far enough ahead that no other order of the shop falls into the window.
const cursor = new Date( Date.now() + 30 * 24 * 3600 * 1000 );
cursor.setUTCMilliseconds( 0 );
const at = ( seconds: number ) => new Date( cursor.getTime() + seconds * 1000 );

let key: ApiKey;
const orders: Record< string, number > = {};

test.beforeAll( () => {
	key = createApiKey( 'read' );
	orders.beforeOverlap = createOrder(
		'processing',
		at( -OVERLAP_SECONDS - 120 )
	);
	// Saved just before the cursor, committed after the previous poll: only the overlap catches it.
	orders.inOverlap = createOrder( 'processing', at( -30 ) );
	orders.afterCursor = createOrder( 'processing', at( 10 ) );
	orders.later = createOrder( 'processing', at( 20 ) );
	orders.completed = createOrder( 'completed', at( 15 ) );
} );

test.afterAll( () => {
	deleteOrders( Object.values( orders ) );
	deleteApiKey( key );
} );

test( 'pulls exactly the chosen status inside the window, the overlap included, across pages', async () => {
	const report = await runProbe( {
		url: shop.url,
		key: key.consumer_key,
		secret: key.consumer_secret,
		status: 'processing',
		since: cursor,
		overlapSeconds: OVERLAP_SECONDS,
		perPage: 2,
		ca: readFileSync( shop.caFile, 'utf8' ),
	} );
	expect( report.problems ).toEqual( [] );
	expect( report.health.anonymous.status ).toBe( 200 );
	expect( report.health.authenticated.status ).toBe( 200 );
	expect( report.orders?.pages ).toBe( 2 );
	expect( report.orders?.list.map( ( order ) => order.id ) ).toEqual( [
		orders.inOverlap,
		orders.afterCursor,
		orders.later,
	] );
	expect( report.orders?.nextCursor ).toBe(
		at( 20 ).toISOString().slice( 0, 19 )
	);

	const completed = await runProbe( {
		url: shop.url,
		key: key.consumer_key,
		secret: key.consumer_secret,
		status: 'completed',
		since: cursor,
		overlapSeconds: OVERLAP_SECONDS,
		ca: readFileSync( shop.caFile, 'utf8' ),
	} );
	expect( completed.orders?.list.map( ( order ) => order.id ) ).toEqual( [
		orders.completed,
	] );
} );

const probeCli = ( args: string[] ) =>
	promisify( execFile )(
		join( repoRoot, 'node_modules/.bin/tsx' ),
		[ join( repoRoot, 'src/puller/cli.ts' ), ...args ],
		{ cwd: repoRoot }
	);

test( 'npm run probe: JSON report and exit code 0 for a working key', async () => {
	const { stdout } = await probeCli( [
		'--url',
		shop.url,
		'--key',
		key.consumer_key,
		'--secret',
		key.consumer_secret,
		'--since',
		cursor.toISOString(),
		'--overlap',
		String( OVERLAP_SECONDS ),
		'--ca',
		shop.caFile,
		'--json',
	] );
	const report = JSON.parse( stdout );
	expect( report.ok ).toBe( true );
	expect( report.orders.list ).toHaveLength( 3 );
	expect( stdout ).not.toContain( key.consumer_secret );
} );

test( 'npm run probe: a readable report and exit code 1 for a wrong secret', async () => {
	const failure = await probeCli( [
		'--url',
		shop.url,
		'--key',
		key.consumer_key,
		'--secret',
		'cs_wrong',
		'--ca',
		shop.caFile,
	] ).catch( ( error: { code: number; stdout: string } ) => error );
	expect( ( failure as { code: number } ).code ).toBe( 1 );
	expect( ( failure as { stdout: string } ).stdout ).toContain(
		'Unknown API key or wrong secret'
	);
} );

test( 'npm run probe: exit code 2 and usage for bad arguments', async () => {
	const failure = await probeCli( [
		'--url',
		shop.url,
		'--overlap=-5',
		'--key',
		'k',
		'--secret',
		's',
	] ).catch( ( error: { code: number; stderr: string } ) => error );
	expect( ( failure as { code: number } ).code ).toBe( 2 );
	expect( ( failure as { stderr: string } ).stderr ).toMatch(
		/--overlap must be/
	);
	const noCa = await probeCli( [
		'--url',
		shop.url,
		'--key',
		'k',
		'--secret',
		's',
		'--ca',
		`${ shop.caFile }.missing`,
	] ).catch( ( error: { code: number; stderr: string } ) => error );
	expect( ( noCa as { code: number } ).code ).toBe( 2 );
	expect( ( noCa as { stderr: string } ).stderr ).toContain(
		'.missing: no such file.'
	);
} );
