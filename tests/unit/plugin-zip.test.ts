/**
 * The zip a shop owner uploads holds exactly the runtime files, under one `flashnode-connector/` folder.
 * Reads the zip `npm run plugin-zip` wrote (bin/test.sh builds it before this tier runs).
 */
import AdmZip from 'adm-zip';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join( __dirname, '../..' );
const zipPath = join( root, 'dist/flashnode-connector.zip' );

function filesBelow( dir: string ): string[] {
	return readdirSync( dir ).flatMap( ( name ) => {
		const path = join( dir, name );
		return statSync( path ).isDirectory() ? filesBelow( path ) : [ path ];
	} );
}

/** What must be in the zip, derived from the source tree so a new PHP class needs no edit here. */
function expectedEntries(): string[] {
	const inFolder = ( dir: string, prefix: string ) =>
		filesBelow( join( root, dir ) )
			.map(
				( file ) =>
					`${ prefix }/${ relative( join( root, dir ), file ) }`
			)
			.filter( ( name ) => ! name.split( '/' ).pop()!.startsWith( '.' ) );
	return [
		'flashnode-connector.php',
		'readme.txt',
		'uninstall.php',
		// The compiled translations only: .po and .pot are their sources.
		...inFolder( 'plugin/languages', 'languages' ).filter( ( name ) =>
			/\.(mo|json)$/.test( name )
		),
		...inFolder( 'php', 'php' ),
		'build/index.asset.php',
		'build/index.css',
		'build/index.js',
		'build/index-rtl.css',
	]
		.map( ( name ) => `flashnode-connector/${ name }` )
		.sort();
}

describe( 'dist/flashnode-connector.zip', () => {
	beforeAll( () => {
		if ( ! existsSync( zipPath ) ) {
			throw new Error(
				'dist/flashnode-connector.zip is missing: run `npm run plugin-zip` first.'
			);
		}
	} );

	it( 'holds exactly the runtime files under one top folder', () => {
		const entries = new AdmZip( zipPath )
			.getEntries()
			.filter( ( entry ) => ! entry.isDirectory )
			.map( ( entry ) => entry.entryName )
			.sort();
		expect( entries ).toEqual( expectedEntries() );
	} );

	it( 'carries a .mo and a script JSON file per language, no .po', () => {
		const names = new AdmZip( zipPath )
			.getEntries()
			.map( ( e ) => e.entryName );
		const languages = ( pattern: RegExp ) =>
			names.filter( ( name ) => pattern.test( name ) ).length;
		expect( languages( /^flashnode-connector\/languages\/.*\.mo$/ ) ).toBe(
			4
		);
		expect(
			languages(
				/^flashnode-connector\/languages\/.*-[0-9a-f]{32}\.json$/
			)
		).toBe( 4 );
		expect( languages( /\.pot?$/ ) ).toBe( 0 );
	} );

	it( 'ships no sources, tests, dependencies, dotfiles or source maps', () => {
		const names = new AdmZip( zipPath )
			.getEntries()
			.map( ( e ) => e.entryName );
		const forbidden = names.filter( ( name ) =>
			/(^|\/)(src|tests|node_modules|vendor)\/|\/\.|\.map$|\.tsx?$|package(-lock)?\.json$/.test(
				name
			)
		);
		expect( forbidden ).toEqual( [] );
	} );
} );
