#!/usr/bin/env node
/**
 * `npm run lint:i18n`: fails unless every plugin/languages/*.po is merged with the .pot of the current sources,
 * has every message translated and none fuzzy, has the plural forms GNU gettext knows for its language, and
 * passes `msgfmt -c` (format strings and plural forms). Builds the .pot first (bin/make-pot.mjs), so it works on
 * a fresh clone and never checks against a stale .pot.
 *
 * "Merged" is decided by content, the set of messages, not by file dates: git keeps no modification times, so
 * on a fresh clone every file is as new as every other.
 */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	isTranslated,
	messageKey,
	poFiles,
	potPath,
	readCatalog,
} from './catalog.mjs';

const root = fileURLToPath( new URL( '../..', import.meta.url ) );
execFileSync( 'node', [ 'bin/make-pot.mjs' ], {
	cwd: root,
	stdio: [ 'ignore', 'ignore', 'inherit' ],
} );
const pot = potPath( root );

/**
 * A message's identity: key and plural (a msgid that gained a plural must be translated again).
 *
 * @param {import('./catalog.mjs').Message} message The message.
 * @return {string} Its identity.
 */
const identity = ( message ) =>
	`${ messageKey( message ) }\u0000${ message.plural ?? '' }`;
const shown = ( message ) => JSON.stringify( message.msgid ).slice( 0, 100 );

const expected = new Set( readCatalog( pot ).messages.map( identity ) );

/**
 * @param {string} locale E.g. "hu_HU".
 * @return {string} The Plural-Forms header GNU gettext's msginit writes for the language.
 */
function pluralFormsFor( locale ) {
	const header = execFileSync(
		'msginit',
		[ '--no-translator', `--locale=${ locale }`, '-i', pot, '-o', '-' ],
		{ encoding: 'utf8', stdio: [ 'ignore', 'pipe', 'ignore' ] }
	);
	return /"Plural-Forms: ([^"]*?)\\n"/.exec( header )?.[ 1 ] ?? '';
}

/**
 * @param {string} locale E.g. "fi".
 * @param {string} path   Its .po file.
 * @return {string[]} What is wrong with it.
 */
function problemsOf( locale, path ) {
	const { headers, messages } = readCatalog( path );
	const problems = [];
	const present = new Set( messages.map( identity ) );
	const missing = [ ...expected ].filter( ( id ) => ! present.has( id ) );
	const extra = messages.filter( ( m ) => ! expected.has( identity( m ) ) );
	if ( missing.length > 0 || extra.length > 0 ) {
		problems.push(
			`not merged with the current .pot (${ missing.length } new, ${ extra.length } removed messages): run \`npm run build\``
		);
	}
	for ( const message of messages.filter( ( m ) => m.fuzzy ) ) {
		problems.push( `fuzzy: ${ shown( message ) }` );
	}
	for ( const message of messages.filter(
		( m ) => ! m.fuzzy && ! isTranslated( m )
	) ) {
		problems.push( `untranslated: ${ shown( message ) }` );
	}
	const pluralForms = pluralFormsFor( locale );
	if ( headers[ 'Plural-Forms' ] !== pluralForms ) {
		problems.push(
			`Plural-Forms is "${ headers[ 'Plural-Forms' ] }", gettext says "${ pluralForms }" for ${ locale }`
		);
	}
	try {
		execFileSync( 'msgfmt', [ '-c', '-o', '/dev/null', path ], {
			stdio: [ 'ignore', 'ignore', 'pipe' ],
		} );
	} catch ( error ) {
		problems.push( `msgfmt -c: ${ String( error.stderr ).trim() }` );
	}
	return problems;
}

let failed = false;
for ( const { locale, path } of poFiles( root ) ) {
	const problems = problemsOf( locale, path );
	if ( problems.length > 0 ) {
		failed = true;
		process.stderr.write(
			`${ relative( root, path ) }: ${ problems.length } problem(s)\n${ problems
				.map( ( problem ) => `  ${ problem }\n` )
				.join( '' ) }`
		);
	}
}
process.exit( failed ? 1 : 0 );
