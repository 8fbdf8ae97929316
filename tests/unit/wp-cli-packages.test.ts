/* eslint-disable jsdoc/check-tag-names -- Jest reads the docblock below. */
/**
 * @jest-environment node
 */
/* eslint-enable jsdoc/check-tag-names */
/**
 * bin/wp-cli/fetch-packages.sh (run by `bash bin/install-deps.sh composer`): the WP-CLI command packages missing
 * from an empty cache are downloaded as release archives at their pinned tags, unpacked where
 * bin/wp-cli/command-packages.php looks, and WP-CLI loads them from there; offline, it stops with the repository, tag
 * and folder of each. The archives are served by a local HTTP server at GitHub's paths
 * (FLASHNODE_WP_CLI_PACKAGES_BASE_URL), built from the packages this machine already has, with GitHub's layout (one
 * top folder, <name>-<version>/).
 */
import { execFile, execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join( __dirname, '../..' );
const loader = join( root, 'bin/wp-cli/command-packages.php' );
const fetchScript = join( root, 'bin/wp-cli/fetch-packages.sh' );

interface Package {
	name: string;
	tag: string;
	dir: string;
}

let work: string;
let server: Server;
let baseUrl: string;
const requested: string[] = [];
let packages: Package[];

/**
 * Runs a command without blocking this process (the local server must answer it); resolves with its exit code.
 * @param file
 * @param args
 * @param env  Added to this process's environment.
 */
function run(
	file: string,
	args: string[],
	env: NodeJS.ProcessEnv
): Promise< { code: number; stdout: string; stderr: string } > {
	return new Promise( ( resolve ) => {
		execFile(
			file,
			args,
			{ cwd: work, env: { ...process.env, ...env }, encoding: 'utf8' },
			( error, stdout, stderr ) =>
				resolve( {
					code: error ? Number( error.code ?? 1 ) : 0,
					stdout,
					stderr,
				} )
		);
	} );
}

beforeAll( async () => {
	work = mkdtempSync( join( tmpdir(), 'flashnode-wp-cli-packages-' ) );
	// The packages as this machine has them (bin/test.sh's install tier fetched any that were missing): "wp-cli/<name>
	// <tag> <folder>" per line.
	packages = execFileSync( 'php', [ loader ], { encoding: 'utf8' } )
		.trim()
		.split( '\n' )
		.map( ( line ) => {
			const [ , name, tag, dir ] =
				/^wp-cli\/(\S+) (\S+) (.+)$/.exec( line ) ?? [];
			return { name, tag, dir };
		} );
	expect( packages.map( ( p ) => p.name ) ).toEqual( [
		'extension-command',
		'eval-command',
		'cron-command',
	] );
	for ( const { name, tag, dir } of packages ) {
		const archiveDir = join( work, 'serve', name, 'archive/refs/tags' );
		mkdirSync( archiveDir, { recursive: true } );
		execFileSync( 'tar', [
			'-czf',
			join( archiveDir, `${ tag }.tar.gz` ),
			'-C',
			dir,
			`--transform=s,^\\.,${ name }-${ tag.replace( /^v/, '' ) },`,
			'.',
		] );
	}
	server = createServer( ( req, res ) => {
		requested.push( req.url ?? '' );
		const file = join( work, 'serve', ( req.url ?? '' ).split( '?' )[ 0 ] );
		if (
			! file.startsWith( join( work, 'serve' ) ) ||
			! existsSync( file )
		) {
			res.writeHead( 404 ).end( 'Not Found' );
			return;
		}
		res.writeHead( 200, { 'Content-Type': 'application/gzip' } );
		res.end( readFileSync( file ) );
	} );
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	baseUrl = `http://127.0.0.1:${ ( server.address() as AddressInfo ).port }`;
}, 60_000 );

afterAll( async () => {
	await new Promise( ( resolve ) => server?.close( resolve ) );
	rmSync( work, { recursive: true, force: true } );
} );

test( 'an empty cache: each package is downloaded at its tag, unpacked as its folder and loaded by WP-CLI from there', async () => {
	const cache = join( work, 'cache' );
	const env = {
		FLASHNODE_WP_CLI_PACKAGES_DIR: cache,
		FLASHNODE_WP_CLI_PACKAGES_BASE_URL: baseUrl,
	};
	const fetched = await run( 'bash', [ fetchScript ], env );
	expect( fetched.stderr ).not.toMatch( /ERROR|failed/ );
	expect( fetched.code ).toBe( 0 );
	expect( requested ).toEqual(
		packages.map(
			( { name, tag } ) => `/${ name }/archive/refs/tags/${ tag }.tar.gz`
		)
	);
	for ( const { name, tag } of packages ) {
		const dir = join( cache, `wp-cli-${ name }-${ tag.slice( 1 ) }` );
		expect( fetched.stdout ).toContain(
			`wp-cli/${ name } ${ tag } ${ dir }`
		);
		// The package root, as command-packages.php loads it: <name>.php, src/ (its classmap), composer.json.
		expect( existsSync( join( dir, `${ name }.php` ) ) ).toBe( true );
		expect( existsSync( join( dir, 'src' ) ) ).toBe( true );
		const composer = JSON.parse(
			readFileSync( join( dir, 'composer.json' ), 'utf8' )
		);
		expect( composer.name ).toBe( `wp-cli/${ name }` );
	}

	// WP-CLI with the loader, as bin/wp-cli/wp.sh runs it: `wp eval-file` (eval-command itself) reports where each
	// package's command class came from. No WordPress needed: --skip-wordpress.
	const check = join( work, 'check.php' );
	writeFileSync(
		check,
		`<?php\n$files = array();\nforeach ( array( 'Plugin_Command', 'EvalFile_Command', 'Cron_Event_Command' ) as $class ) {\n\t$files[ $class ] = class_exists( $class ) ? ( new ReflectionClass( $class ) )->getFileName() : null;\n}\necho json_encode( $files );\n`
	);
	const wp = await run(
		'php',
		[
			join( root, 'vendor/wp-cli/wp-cli/php/boot-fs.php' ),
			`--require=${ loader }`,
			...( process.getuid?.() === 0 ? [ '--allow-root' ] : [] ),
			'eval-file',
			check,
			'--skip-wordpress',
		],
		env
	);
	expect( wp.stderr ).toBe( '' );
	expect( JSON.parse( wp.stdout ) ).toEqual( {
		Plugin_Command: join(
			cache,
			'wp-cli-extension-command-2.1.23/src/Plugin_Command.php'
		),
		EvalFile_Command: join(
			cache,
			'wp-cli-eval-command-2.2.5/src/EvalFile_Command.php'
		),
		Cron_Event_Command: join(
			cache,
			'wp-cli-cron-command-2.3.1/src/Cron_Event_Command.php'
		),
	} );

	// Present now: nothing is downloaded again.
	requested.length = 0;
	const again = await run( 'bash', [ fetchScript ], env );
	expect( again.code ).toBe( 0 );
	expect( requested ).toEqual( [] );
}, 60_000 );

test( 'unreachable: it stops with the repository, tag and folder of each package, and nothing half unpacked', async () => {
	const cache = join( work, 'offline' );
	const closed = createServer();
	await new Promise< void >( ( resolve ) =>
		closed.listen( 0, '127.0.0.1', resolve )
	);
	const port = ( closed.address() as AddressInfo ).port;
	await new Promise( ( resolve ) => closed.close( resolve ) );

	const result = await run( 'bash', [ fetchScript ], {
		FLASHNODE_WP_CLI_PACKAGES_DIR: cache,
		FLASHNODE_WP_CLI_PACKAGES_BASE_URL: `http://127.0.0.1:${ port }`,
	} );
	expect( result.code ).toBe( 1 );
	for ( const { name, tag } of packages ) {
		const dir = join( cache, `wp-cli-${ name }-${ tag.slice( 1 ) }` );
		expect( result.stderr ).toContain(
			`ERROR: wp-cli/${ name } is missing from ${ dir }/ (repository github.com/wp-cli/${ name }, tag ${ tag }).`
		);
		expect( existsSync( dir ) ).toBe( false );
	}
	// Only the (empty) cache folder itself: no download folder left behind.
	expect( readdirSync( cache ) ).toEqual( [] );
}, 60_000 );

test( 'a server without the archive (404): the same message, after the failed download says what it got', async () => {
	const cache = join( work, 'not-found' );
	const result = await run( 'bash', [ fetchScript ], {
		FLASHNODE_WP_CLI_PACKAGES_DIR: cache,
		FLASHNODE_WP_CLI_PACKAGES_BASE_URL: `${ baseUrl }/elsewhere`,
	} );
	expect( result.code ).toBe( 1 );
	expect( result.stderr ).toMatch( /download failed: .*404/ );
	expect( result.stderr ).toContain(
		'ERROR: wp-cli/extension-command is missing from'
	);
}, 60_000 );
