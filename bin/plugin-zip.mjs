#!/usr/bin/env node
/**
 * Assembles dist/flashnode-connector.zip: one top folder `flashnode-connector/` with the runtime files only.
 * `wp-scripts plugin-zip` cannot move plugin/* to the top of the zip, hence this script.
 * The staged folder dist/flashnode-connector/ is kept: .wp-env.json maps it into wp-env's WordPress.
 */
import AdmZip from 'adm-zip';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	rmSync,
	statSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join( dirname( fileURLToPath( import.meta.url ) ), '..' );
const slug = 'flashnode-connector';
const dist = join( root, 'dist' );
const stage = join( dist, slug );
const zipPath = join( dist, `${ slug }.zip` );

/** Runtime files: [source in the repo, destination in the plugin folder]. */
const parts = [
	[ 'plugin/flashnode-connector.php', 'flashnode-connector.php' ],
	[ 'plugin/readme.txt', 'readme.txt' ],
	[ 'plugin/uninstall.php', 'uninstall.php' ],
	[ 'plugin/languages', 'languages' ],
	[ 'php', 'php' ],
	[ 'build', 'build' ],
];

/**
 * Never shipped, wherever they appear: dotfiles (e.g. .gitkeep), source maps, and the translations' sources
 * (.po, .pot): WordPress reads the .mo and .json files `npm run build` generates from them.
 *
 * @param {string} name File or folder name.
 * @return {boolean} Whether to leave it out.
 */
const excluded = ( name ) =>
	name.startsWith( '.' ) || /\.(map|pot?)$/.test( name );

function fail( message ) {
	process.stderr.write( `plugin-zip: ${ message }\n` );
	process.exit( 1 );
}

if ( ! existsSync( join( root, 'build/index.js' ) ) ) {
	fail( 'build/index.js is missing; run `npm run build` first.' );
}

rmSync( stage, { recursive: true, force: true } );
rmSync( zipPath, { force: true } );
mkdirSync( stage, { recursive: true } );
for ( const [ from, to ] of parts ) {
	const source = join( root, from );
	if ( ! existsSync( source ) ) {
		fail( `${ from } is missing.` );
	}
	cpSync( source, join( stage, to ), {
		recursive: true,
		filter: ( path ) => ! excluded( path.split( '/' ).pop() ),
	} );
}

function filesBelow( dir ) {
	return readdirSync( dir ).flatMap( ( name ) => {
		const path = join( dir, name );
		return statSync( path ).isDirectory() ? filesBelow( path ) : [ path ];
	} );
}

const zip = new AdmZip();
const files = filesBelow( stage ).sort();
for ( const file of files ) {
	const inZip = join( slug, relative( stage, file ) );
	zip.addLocalFile( file, dirname( inZip ) );
}
zip.writeZip( zipPath );
process.stdout.write(
	`plugin-zip: ${ relative( root, zipPath ) } (${ files.length } files, ${ statSync( zipPath ).size } bytes)\n`
);
