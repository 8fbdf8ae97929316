/* eslint-disable jsdoc/check-tag-names -- Jest reads the docblock below. */
/**
 * @jest-environment node
 */
/* eslint-enable jsdoc/check-tag-names */
/**
 * The follow-mode puller's pure parts: arguments, cursor file, de-duplication key, receiver URL, backoff.
 */
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	CursorFileError,
	parseCursorFile,
	readCursor,
	writeCursor,
} from '../../src/puller/cursor-file';
import { changeKey, feedPath } from '../../src/puller/feed-client';
import { backoffMs } from '../../src/puller/follow';
import { ArgsError, parseFollowArgs } from '../../src/puller/follow-args';
import { isLoopback, validatePostUrl } from '../../src/puller/handlers';

const SHOP = 'https://shop.example';
const base = [ '--follow', '--url', `${ SHOP }/`, '--cursor-file', 'c.json' ];
const env = {
	FLASHNODE_CONSUMER_KEY: 'ck_1',
	FLASHNODE_CONSUMER_SECRET: 'cs_1',
};

describe( 'follow arguments', () => {
	it( 'takes defaults, the key from the environment and trims the URL', () => {
		expect( parseFollowArgs( base, env ) ).toEqual( {
			url: SHOP,
			key: 'ck_1',
			secret: 'cs_1',
			cursorFile: 'c.json',
			handler: 'print',
			postUrl: undefined,
			statuses: [],
			limit: 100,
			intervalMs: 60_000,
			once: false,
			clockSkewSeconds: 0,
			caFile: undefined,
		} );
	} );

	it( 'reads every option', () => {
		const args = parseFollowArgs(
			[
				...base,
				'--key',
				'ck_2',
				'--secret',
				'cs_2',
				'--handler',
				'post',
				'--post-url',
				'https://erp.example/in',
				'--statuses',
				'processing, completed',
				'--limit',
				'500',
				'--interval',
				'0.5',
				'--once',
				'--clock-skew=-600',
			],
			{}
		);
		expect( args ).toMatchObject( {
			key: 'ck_2',
			handler: 'post',
			statuses: [ 'processing', 'completed' ],
			limit: 500,
			intervalMs: 500,
			once: true,
			clockSkewSeconds: -600,
		} );
		expect( args.postUrl?.href ).toBe( 'https://erp.example/in' );
	} );

	it.each( [
		[ [ '--follow', '--url', SHOP ], env, /--cursor-file is required/ ],
		[ base, {}, /--key and --secret/ ],
		[ [ ...base, '--url', 'ftp://x' ], env, /--url must be/ ],
		[ [ ...base, '--url', 'http://shop.example' ], env, /clear text/ ],
		[ [ ...base, '--handler', 'mail' ], env, /--handler must be/ ],
		[ [ ...base, '--handler', 'post' ], env, /needs --post-url/ ],
		[ [ ...base, '--post-url', 'https://x' ], env, /goes with/ ],
		[ [ ...base, '--limit', '501' ], env, /--limit must be .* 1 to 500/ ],
		[ [ ...base, '--limit', '1.5' ], env, /--limit must be/ ],
		[ [ ...base, '--interval', '0' ], env, /--interval must be/ ],
		[ [ ...base, '--clock-skew', '90000' ], env, /--clock-skew must be/ ],
		[ [ ...base, '--statuses', 'wc-x;drop' ], env, /--statuses must be/ ],
		[ [ ...base, '--nope' ], env, /Unknown option/ ],
	] )( 'refuses %j', ( argv, environment, message ) => {
		expect( () => parseFollowArgs( argv, environment ) ).toThrow(
			ArgsError
		);
		expect( () => parseFollowArgs( argv, environment ) ).toThrow( message );
	} );
} );

describe( 'receiver URL', () => {
	it.each( [
		'https://erp.example/orders',
		'http://127.0.0.1:8080/in',
		'http://localhost/in',
		'http://[::1]:9/in',
	] )( 'accepts %s', ( url ) => {
		expect( validatePostUrl( url ).href ).toBe( new URL( url ).href );
	} );

	it.each( [
		[ 'http://erp.example/in', /https:\/\// ],
		[ 'http://10.0.0.1/in', /https:\/\// ],
		[ 'https://user:pass@erp.example/', /user name or password/ ],
		[ 'file:///etc/passwd', /https:\/\// ],
		[ 'not a url', /not a URL/ ],
	] )( 'refuses %s', ( url, message ) => {
		expect( () => validatePostUrl( url ) ).toThrow( message );
	} );

	it( 'knows loopback hosts', () => {
		expect( isLoopback( '127.1.2.3' ) ).toBe( true );
		expect( isLoopback( '[::1]' ) ).toBe( true );
		expect( isLoopback( '127.0.0.1.example' ) ).toBe( false );
	} );
} );

describe( 'cursor file', () => {
	const dir = mkdtempSync( join( tmpdir(), 'flashnode-cursor-' ) );

	it( 'is missing on the first run, then round-trips without leaving temporary files', () => {
		const file = join( dir, 'round.json' );
		expect( readCursor( file, SHOP ) ).toBeNull();
		writeCursor( file, SHOP, 42, new Date( '2026-12-02T00:00:00Z' ) );
		writeCursor( file, SHOP, 43, new Date( '2026-12-02T00:00:01Z' ) );
		expect( readCursor( file, SHOP ) ).toBe( 43 );
		expect( JSON.parse( readFileSync( file, 'utf8' ) ) ).toEqual( {
			version: 1,
			url: SHOP,
			cursor: 43,
			saved_at: '2026-12-02T00:00:01.000Z',
		} );
		expect(
			readdirSync( dir ).filter( ( name ) => name.includes( 'tmp' ) )
		).toEqual( [] );
	} );

	it.each( [
		[ 'garbage', /not JSON/ ],
		[
			'{"version":2,"url":"https://shop.example","cursor":1}',
			/version 1/,
		],
		[
			'{"version":1,"url":"https://shop.example","cursor":-1}',
			/version 1/,
		],
		[
			'{"version":1,"url":"https://shop.example","cursor":"7"}',
			/version 1/,
		],
		[
			'{"version":1,"url":"https://other.example","cursor":7}',
			/other\.example, not of https:\/\/shop\.example/,
		],
	] )( 'refuses %s', ( text, message ) => {
		expect( () => parseCursorFile( text, SHOP, 'c.json' ) ).toThrow(
			CursorFileError
		);
		expect( () => parseCursorFile( text, SHOP, 'c.json' ) ).toThrow(
			message
		);
	} );

	it( 'reports an unreadable file as a cursor file problem', () => {
		const file = join( dir, 'bad.json' );
		writeFileSync( file, '[]' );
		expect( () => readCursor( file, SHOP ) ).toThrow( CursorFileError );
		expect( () => readCursor( dir, SHOP ) ).toThrow( /Cannot read/ );
	} );

	it( 'reports a file it cannot save as a cursor file problem, and leaves no temporary file', () => {
		const file = join( dir, 'no-such-folder', 'cursor.json' );
		const save = () => writeCursor( file, SHOP, 1, new Date() );
		expect( save ).toThrow( CursorFileError );
		expect( save ).toThrow( `Cannot save the cursor to ${ file }: ENOENT` );
		// A folder where the file should be: the temporary file is written, the rename fails and it is removed.
		const taken = join( dir, 'taken' );
		mkdirSync( taken );
		writeFileSync( join( taken, 'inside' ), '' );
		expect( () => writeCursor( taken, SHOP, 1, new Date() ) ).toThrow(
			/Cannot save the cursor to .*taken/
		);
		expect(
			readdirSync( dir ).filter( ( name ) => name.includes( 'tmp' ) )
		).toEqual( [] );
	} );
} );

describe( 'feed requests and retries', () => {
	it( 'keys a change by order and modification, deletions by order', () => {
		expect(
			changeKey( { order_id: 7, modified_gmt: '2026-12-02T03:04:05Z' } )
		).toBe( '7@2026-12-02T03:04:05Z' );
		expect( changeKey( { order_id: 7, modified_gmt: null } ) ).toBe(
			'7@deleted'
		);
	} );

	it( 'asks for the orders, the page size and the statuses', () => {
		const [ path, query ] = feedPath( {
			after: 12,
			limit: 50,
			statuses: [ 'processing', 'completed' ],
		} ).split( '?' );
		expect( path ).toBe( '/wp-json/wc-flashnode/v1/changes' );
		expect( Object.fromEntries( new URLSearchParams( query ) ) ).toEqual( {
			after: '12',
			limit: '50',
			include: 'orders',
			statuses: 'processing,completed',
		} );
	} );

	it( 'doubles the pause after each failure up to the maximum', () => {
		expect(
			[ 1, 2, 3, 4, 9 ].map( ( n ) => backoffMs( n, 5000 ) )
		).toEqual( [ 1000, 2000, 4000, 5000, 5000 ] );
	} );
} );
