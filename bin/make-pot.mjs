#!/usr/bin/env node
/**
 * Writes plugin/languages/flashnode-connector.pot from the PHP (GNU xgettext with WordPress's keywords)
 * and the TypeScript admin app (@wordpress/babel-plugin-makepot, which understands JSX and TypeScript).
 * Run by `npm run build`; needs Debian's `gettext` package (bin/shop.sh and .ci/run install it).
 */
import { transformFileSync } from '@babel/core';
import { execFileSync } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath( new URL( '..', import.meta.url ) );
const domain = 'flashnode-connector';
const output = join( root, 'plugin/languages', `${ domain }.pot` );
const work = mkdtempSync( join( tmpdir(), 'flashnode-pot-' ) );

/**
 * @param {string} dir    Folder to walk.
 * @param {RegExp} suffix File names to keep.
 * @return {string[]} Matching files, sorted, relative to the repository root.
 */
function filesBelow( dir, suffix ) {
	return readdirSync( join( root, dir ) )
		.flatMap( ( name ) => {
			const path = join( dir, name );
			if ( statSync( join( root, path ) ).isDirectory() ) {
				return filesBelow( path, suffix );
			}
			return suffix.test( name ) ? [ path ] : [];
		} )
		.sort();
}

// The WordPress i18n functions and which arguments hold the text, the plural and the context.
const phpKeywords = [
	'__:1',
	'_e:1',
	'_x:1,2c',
	'_ex:1,2c',
	'_n:1,2',
	'_nx:1,2,4c',
	'_n_noop:1,2',
	'_nx_noop:1,2,3c',
	'esc_html__:1',
	'esc_html_e:1',
	'esc_html_x:1,2c',
	'esc_attr__:1',
	'esc_attr_e:1',
	'esc_attr_x:1,2c',
];

try {
	const phpPot = join( work, 'php.pot' );
	execFileSync(
		'xgettext',
		[
			'--language=PHP',
			'--from-code=UTF-8',
			'--add-comments=translators:',
			'--sort-by-file',
			'--no-wrap',
			`--package-name=${ domain }`,
			'--keyword',
			...phpKeywords.map( ( keyword ) => `--keyword=${ keyword }` ),
			'-o',
			phpPot,
			...filesBelow( 'plugin', /\.php$/ ),
			...filesBelow( 'php', /\.php$/ ),
		],
		{ cwd: root }
	);

	// One .pot per source file, merged by msgcat below. The babel plugin keeps its strings per plugin instance
	// and rewrites `output` with what it has seen; every transformFileSync() call gets a new instance, so with
	// one shared output each file overwrote the previous ones and only the last file's strings were left.
	const jsPots = [];
	for ( const [ index, file ] of filesBelow( 'src', /\.tsx?$/ ).entries() ) {
		if ( file.endsWith( '.d.ts' ) ) {
			continue;
		}
		const jsPot = join( work, `js-${ index }.pot` );
		transformFileSync( join( root, file ), {
			cwd: root,
			babelrc: false,
			configFile: false,
			filename: file,
			presets: [
				'@babel/preset-typescript',
				[ '@babel/preset-react', { runtime: 'automatic' } ],
			],
			plugins: [
				[ '@wordpress/babel-plugin-makepot', { output: jsPot } ],
			],
		} );
		// The plugin writes nothing for a file without translatable strings.
		if ( existsSync( jsPot ) ) {
			jsPots.push( jsPot );
		}
	}

	execFileSync(
		'msgcat',
		[
			'--use-first',
			'--sort-by-file',
			'--no-wrap',
			'-o',
			output,
			phpPot,
			...jsPots,
		],
		{ cwd: root }
	);
	// No POT-Creation-Date: msgmerge copies it into every .po (bin/i18n/build.mjs), so a date that changes on
	// every build would change every committed .po on every build. Without it the .po files keep theirs.
	writeFileSync(
		output,
		readFileSync( output, 'utf8' ).replace(
			/^"POT-Creation-Date: [^"]*"\n/m,
			''
		)
	);
	process.stdout.write( `make-pot: ${ output }\n` );
} finally {
	rmSync( work, { recursive: true, force: true } );
}
