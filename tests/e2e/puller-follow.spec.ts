/**
 * `npm run probe -- --follow` against the real shop: changes handed on with their orders, acknowledged, the
 * cursor saved and resumed; a failing handler acknowledges nothing and keeps the cursor; refusals and bad
 * arguments end with their exit codes and without the secret in the output. (Faults at scale:
 * reliability.spec.ts.)
 */
import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readCursor, writeCursor } from '../../src/puller/cursor-file';
import type { Change } from '../../src/puller/feed-client';
import { serverContext } from './api-contexts';
import { expect, test } from './fixtures';
import { readShop, repoRoot } from './shop';
import {
	basicAuth,
	createApiKey,
	deleteApiKey,
	deleteOrders,
	type ApiKey,
} from './support';

const shop = readShop();
const dir = mkdtempSync( join( tmpdir(), 'flashnode-follow-' ) );
let key: ApiKey;
const created: number[] = [];

test.beforeAll( () => {
	key = createApiKey( 'read_write' );
} );

test.afterAll( () => {
	deleteOrders( created );
	deleteApiKey( key );
} );

const pullerArgs = ( cursorFile: string, extra: string[] ) => [
	'--import',
	'tsx',
	join( repoRoot, 'src/puller/cli.ts' ),
	'--follow',
	'--url',
	shop.url,
	'--ca',
	shop.caFile,
	'--cursor-file',
	cursorFile,
	'--interval',
	'0.5',
	...extra,
];

const env = ( secret = key.consumer_secret ) => ( {
	...process.env,
	FLASHNODE_CONSUMER_KEY: key.consumer_key,
	FLASHNODE_CONSUMER_SECRET: secret,
} );

/**
 * Runs the puller to its end; resolves with exit code and output whatever the code.
 *
 * @param cursorFile Cursor file.
 * @param extra      More arguments.
 * @param secret     The secret to give it.
 */
function runPuller( cursorFile: string, extra: string[], secret?: string ) {
	return new Promise< { code: number; stdout: string; stderr: string } >(
		( resolve ) =>
			execFile(
				process.execPath,
				pullerArgs( cursorFile, extra ),
				{ cwd: repoRoot, env: env( secret ) },
				( error, stdout, stderr ) =>
					resolve( {
						code: error ? Number( error.code ) : 0,
						stdout,
						stderr,
					} )
			)
	);
}

/**
 * The feed's head now, saved as a fresh cursor file: the puller starts after everything that exists.
 *
 * @param name File name.
 */
async function cursorAtHead( name: string ): Promise< string > {
	const api = await serverContext();
	const response = await api.get( '/wp-json/wc-flashnode/v1/changes', {
		params: { since: '2100-01-01', limit: 1 },
		headers: { Authorization: basicAuth( key ) },
	} );
	const head = ( await response.json() ).next_cursor as number;
	await api.dispose();
	const file = join( dir, name );
	writeCursor( file, shop.url, head, new Date() );
	return file;
}

async function createOrders( count: number ): Promise< number[] > {
	const api = await serverContext();
	const ids: number[] = [];
	for ( let i = 0; i < count; i++ ) {
		const response = await api.post( '/wp-json/wc/v3/orders', {
			data: { status: 'processing', billing: { first_name: 'Follow' } },
			headers: { Authorization: basicAuth( key ) },
		} );
		expect( response.status() ).toBe( 201 );
		ids.push( ( await response.json() ).id );
	}
	await api.dispose();
	created.push( ...ids );
	return ids;
}

/**
 * Results of acknowledging again: "unchanged" means this key had acknowledged the order already.
 *
 * @param ids Orders.
 */
async function ackAgain( ids: number[] ): Promise< string[] > {
	const api = await serverContext();
	const response = await api.post( '/wp-json/wc-flashnode/v1/acks', {
		data: { order_ids: ids },
		headers: { Authorization: basicAuth( key ) },
	} );
	const body = await response.json();
	await api.dispose();
	return body.results.map( ( r: { result: string } ) => r.result );
}

test( 'print handler: every change with its order, acknowledged, cursor saved; a second run resumes with nothing new', async () => {
	const file = await cursorAtHead( 'print.json' );
	const start = readCursor( file, shop.url ) as number;
	const ids = await createOrders( 2 );
	const first = await runPuller( file, [ '--once', '--limit', '2' ] );
	expect( first.code, first.stderr ).toBe( 0 );
	const lines = first.stdout
		.trim()
		.split( '\n' )
		.map( ( line ) => JSON.parse( line ) as Change & { key: string } );
	expect( new Set( lines.map( ( c ) => c.order_id ) ) ).toEqual(
		new Set( ids )
	);
	for ( const change of lines ) {
		expect( change.key ).toBe(
			`${ change.order_id }@${ change.modified_gmt }`
		);
		expect( change.order?.id ).toBe( change.order_id );
	}
	// Every key the feed lists after the start was handed on (a key repeats only across pages of 2).
	const api = await serverContext();
	const all = await api.get( '/wp-json/wc-flashnode/v1/changes', {
		params: { after: start, limit: 500 },
		headers: { Authorization: basicAuth( key ) },
	} );
	const listed = ( ( await all.json() ).changes as Change[] ).map(
		( c ) => `${ c.order_id }@${ c.modified_gmt }`
	);
	await api.dispose();
	expect( new Set( lines.map( ( c ) => c.key ) ) ).toEqual(
		new Set( listed )
	);
	const saved = readCursor( file, shop.url ) as number;
	expect( saved ).toBeGreaterThanOrEqual(
		Math.max( ...lines.map( ( c ) => c.cursor ) )
	);
	expect( await ackAgain( ids ) ).toEqual( [ 'unchanged', 'unchanged' ] );

	const second = await runPuller( file, [ '--once' ] );
	expect( second.code ).toBe( 0 );
	expect( second.stdout ).toBe( '' );
	expect( readCursor( file, shop.url ) ).toBe( saved );
	expect( first.stderr + second.stderr ).not.toContain( key.consumer_secret );
} );

test( 'post handler: a failing receiver gets no acknowledgement and no cursor move; the next run delivers', async () => {
	let status = 500;
	const bodies: Array< Change & { key: string } > = [];
	const server: Server = createServer( ( req, res ) => {
		const chunks: Buffer[] = [];
		req.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
		req.on( 'end', () => {
			const body = JSON.parse( Buffer.concat( chunks ).toString() );
			expect( req.headers[ 'idempotency-key' ] ).toBe( body.key );
			bodies.push( body );
			res.writeHead( status ).end();
		} );
	} );
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	const postUrl = `http://127.0.0.1:${ ( server.address() as AddressInfo ).port }/in`;
	const file = await cursorAtHead( 'post.json' );
	const start = readCursor( file, shop.url );
	const [ id ] = await createOrders( 1 );

	const failing = spawn(
		process.execPath,
		pullerArgs( file, [ '--handler', 'post', '--post-url', postUrl ] ),
		{ cwd: repoRoot, env: env(), stdio: [ 'ignore', 'ignore', 'pipe' ] }
	);
	let log = '';
	failing.stderr.on( 'data', ( chunk: Buffer ) => ( log += chunk ) );
	await expect
		.poll( () => log, { timeout: 30_000 } )
		.toContain( 'retrying in 2 s' );
	failing.kill( 'SIGTERM' );
	expect( await new Promise( ( r ) => failing.on( 'exit', r ) ) ).toBe( 0 );
	expect( log ).toContain( 'answered HTTP 500' );
	expect( readCursor( file, shop.url ) ).toBe( start );
	expect( await ackAgain( [ id ] ) ).toEqual( [ 'acknowledged' ] );

	status = 204;
	bodies.length = 0;
	const ok = await runPuller( file, [
		'--once',
		'--handler',
		'post',
		'--post-url',
		postUrl,
	] );
	server.close();
	expect( ok.code, ok.stderr ).toBe( 0 );
	expect( bodies.map( ( b ) => b.order_id ) ).toContain( id );
	expect( readCursor( file, shop.url ) ).toBeGreaterThan( start as number );
	expect( log + ok.stderr ).not.toContain( key.consumer_secret );
} );

test( 'exit codes: 1 for a refused key, 2 for bad arguments (a missing --ca file too), a cursor file that cannot be saved and one of another shop', async () => {
	const file = await cursorAtHead( 'codes.json' );
	const refused = await runPuller( file, [ '--once' ], 'cs_wrong' );
	expect( refused.code ).toBe( 1 );
	expect( refused.stderr ).toContain( 'The change feed answered HTTP 401' );
	expect( refused.stderr ).not.toContain( 'cs_wrong' );

	const bad = await runPuller( file, [
		'--handler',
		'post',
		'--post-url',
		'http://example.com/',
	] );
	expect( bad.code ).toBe( 2 );
	expect( bad.stderr ).toMatch( /--post-url must be https/ );

	// The last --ca wins (node:util parseArgs), as with any repeated option.
	const noCa = await runPuller( file, [
		'--once',
		'--ca',
		join( dir, 'no-such-ca.pem' ),
	] );
	expect( noCa.code ).toBe( 2 );
	expect( noCa.stderr ).toContain( 'no-such-ca.pem: no such file.' );

	const unsaved = await runPuller( join( dir, 'no-such-folder', 'c.json' ), [
		'--once',
	] );
	expect( unsaved.code ).toBe( 2 );
	expect( unsaved.stderr ).toContain( 'Cannot save the cursor to' );
	expect( unsaved.stdout ).toBe( '' );

	writeCursor( file, 'https://other.example', 5, new Date() );
	const other = await runPuller( file, [ '--once' ] );
	expect( other.code ).toBe( 2 );
	expect( other.stderr ).toContain(
		'holds the cursor of https://other.example'
	);
	expect( readFileSync( file, 'utf8' ) ).toContain( 'other.example' );
} );
