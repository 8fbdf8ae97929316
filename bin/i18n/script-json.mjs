/**
 * Script translations in the format WordPress reads (`wp i18n make-json`'s Jed 1.x JSON), one file per built
 * script and locale: languages/flashnode-connector-<locale>-<md5 of the script's path>.json. WordPress's
 * load_script_textdomain() finds it by the md5 of the script's path relative to the plugin folder
 * ("build/index.js": the same in the repository and in the zip), on every supported version (6.1 included).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	DOMAIN,
	LANGUAGES_DIR,
	isTranslated,
	messageKey,
	readCatalog,
} from './catalog.mjs';
import { scriptMessages } from './script-messages.mjs';

/** Built scripts, relative to the repository root and to the plugin folder alike (bin/plugin-zip.mjs). */
const BUILD_DIR = 'build';

/**
 * @param {string} locale E.g. "fi".
 * @param {string} script Script path relative to the plugin folder, e.g. "build/index.js".
 * @return {string} The file name WordPress looks for.
 */
export const scriptJsonName = ( locale, script ) =>
	`${ DOMAIN }-${ locale }-${ createHash( 'md5' )
		.update( script )
		.digest( 'hex' ) }.json`;

/**
 * Writes the JSON of every built script that has translatable strings (only the strings the script itself
 * calls, and only translated ones: a missing key falls back to English), replacing older ones of the locale.
 *
 * @param {string} root   Repository root.
 * @param {string} locale E.g. "fi".
 * @param {string} poPath The locale's .po file.
 * @return {string[]} Paths written.
 */
export function writeScriptTranslations( root, locale, poPath ) {
	const languages = join( root, LANGUAGES_DIR );
	for ( const name of readdirSync( languages ) ) {
		if (
			name.startsWith( `${ DOMAIN }-${ locale }-` ) &&
			name.endsWith( '.json' )
		) {
			rmSync( join( languages, name ) );
		}
	}
	const { headers, messages } = readCatalog( poPath );
	const translated = new Map(
		messages
			.filter( isTranslated )
			.map( ( message ) => [ messageKey( message ), message.msgstr ] )
	);
	const written = [];
	for ( const name of readdirSync( join( root, BUILD_DIR ) ).sort() ) {
		if ( ! name.endsWith( '.js' ) ) {
			continue;
		}
		const script = `${ BUILD_DIR }/${ name }`;
		const keys = scriptMessages(
			readFileSync( join( root, script ), 'utf8' )
		).map( messageKey );
		if ( keys.length === 0 ) {
			continue;
		}
		const strings = Object.fromEntries(
			keys
				.filter( ( key ) => translated.has( key ) )
				.map( ( key ) => [ key, translated.get( key ) ] )
		);
		const json = {
			'translation-revision-date': headers[ 'PO-Revision-Date' ] ?? '',
			generator: 'flashnode-connector bin/i18n',
			source: script,
			domain: 'messages',
			locale_data: {
				messages: {
					'': {
						domain: 'messages',
						lang: locale,
						'plural-forms': headers[ 'Plural-Forms' ] ?? '',
					},
					...strings,
				},
			},
		};
		const path = join( languages, scriptJsonName( locale, script ) );
		writeFileSync( path, JSON.stringify( json ) );
		written.push( path );
	}
	return written;
}
