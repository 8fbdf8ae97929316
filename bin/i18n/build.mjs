#!/usr/bin/env node
/**
 * The translations' part of `npm run build`, after bin/make-pot.mjs wrote the .pot:
 *  1. merges each plugin/languages/flashnode-connector-<locale>.po with the .pot (GNU msgmerge: new strings
 *     arrive untranslated, changed ones fuzzy with the previous msgid beside them, removed ones are dropped),
 *  2. compiles PHP's messages to .mo (msgfmt -c, which also checks format strings and plural forms),
 *  3. writes the translations each built script uses as JSON for wp_set_script_translations() (script-json.mjs).
 * The .po files are the sources (committed); .mo and .json are generated (git-ignored, shipped in the zip).
 * Needs Debian's `gettext` package, as make-pot.mjs does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { poFiles, potPath, readCatalog } from './catalog.mjs';
import { writeScriptTranslations } from './script-json.mjs';

const root = fileURLToPath( new URL( '../..', import.meta.url ) );
const pot = potPath( root );
if ( ! existsSync( pot ) ) {
	process.stderr.write(
		`i18n: ${ relative( root, pot ) } is missing; run bin/make-pot.mjs first.\n`
	);
	process.exit( 1 );
}

/**
 * The messages PHP uses (referenced from a file outside src/), as a .po: the script's own strings travel in its
 * JSON, so the .mo leaves them out, as `wp i18n make-json` does by default. Keeps the zip small.
 *
 * @param {string} path A merged .po file.
 * @param {string} dir  Folder for the result.
 * @return {string} The reduced .po file.
 */
function phpOnly( path, dir ) {
	const files = new Set(
		readCatalog( path ).messages.flatMap( ( message ) =>
			message.files.filter( ( file ) => ! file.startsWith( 'src/' ) )
		)
	);
	const reduced = join( dir, 'php.po' );
	execFileSync( 'msggrep', [
		...[ ...files ].map( ( file ) => `--location=${ file }` ),
		'-o',
		reduced,
		path,
	] );
	return reduced;
}

// File names without line numbers, so a .po changes when its strings do, not whenever code above them moves.
const layout = [ '--no-wrap', '--add-location=file' ];
const work = mkdtempSync( join( tmpdir(), 'flashnode-po-' ) );
try {
	for ( const { locale, path } of poFiles( root ) ) {
		const merged = join( work, `${ locale }.po` );
		execFileSync( 'msgmerge', [
			'--quiet',
			'--previous',
			...layout,
			'-o',
			merged,
			path,
			pot,
		] );
		execFileSync( 'msgattrib', [
			'--no-obsolete',
			...layout,
			'-o',
			path,
			merged,
		] );
		const mo = path.replace( /\.po$/, '.mo' );
		execFileSync( 'msgfmt', [
			'-c',
			'--no-hash',
			'-o',
			mo,
			phpOnly( path, work ),
		] );
		const json = writeScriptTranslations( root, locale, path );
		process.stdout.write(
			`i18n: ${ locale }: ${ [ mo, ...json ]
				.map( ( file ) => relative( root, file ) )
				.join( ', ' ) }\n`
		);
	}
} finally {
	rmSync( work, { recursive: true, force: true } );
}
