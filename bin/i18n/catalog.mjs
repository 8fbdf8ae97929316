/**
 * The plugin's translation catalogs: where they live and what they hold, read with gettext-parser.
 * Shared by the build (bin/i18n/build.mjs), the lint check (bin/i18n/check.mjs) and the tests.
 */
import { po } from 'gettext-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOMAIN = 'flashnode-connector';

/** Folder of the .pot, the .po files and the generated .mo and .json files, relative to the repository root. */
export const LANGUAGES_DIR = 'plugin/languages';

/**
 * @param {string} root Repository root.
 * @return {string} Path of the .pot file bin/make-pot.mjs writes.
 */
export const potPath = ( root ) =>
	join( root, LANGUAGES_DIR, `${ DOMAIN }.pot` );

/**
 * The translations kept in the repository: every `flashnode-connector-<locale>.po` in the languages folder.
 *
 * @param {string} root Repository root.
 * @return {{locale: string, path: string}[]} Sorted by locale.
 */
export function poFiles( root ) {
	const pattern = new RegExp( `^${ DOMAIN }-([A-Za-z_]+)\\.po$` );
	return readdirSync( join( root, LANGUAGES_DIR ) )
		.map( ( name ) => [ name, pattern.exec( name )?.[ 1 ] ] )
		.filter( ( [ , locale ] ) => locale )
		.map( ( [ name, locale ] ) => ( {
			locale,
			path: join( root, LANGUAGES_DIR, name ),
		} ) )
		.sort( ( a, b ) => a.locale.localeCompare( b.locale ) );
}

/**
 * @typedef {Object} Message
 * @property {string}   msgid     The English text.
 * @property {string}   [plural]  msgid_plural.
 * @property {string}   [context] msgctxt.
 * @property {string[]} msgstr    Translations (one per plural form); empty strings when untranslated.
 * @property {boolean}  fuzzy     Marked fuzzy (a guess msgmerge made; gettext and WordPress ignore it).
 * @property {string[]} files     Source files that use it (the `#:` references, without line numbers).
 */

/**
 * A .po or .pot file: its headers and its messages (the header entry and obsolete entries left out).
 *
 * @param {string} path File to read.
 * @return {{headers: Record<string,string>, messages: Message[]}} The catalog.
 */
export function readCatalog( path ) {
	const { headers, translations } = po.parse( readFileSync( path ) );
	const messages = Object.entries( translations ).flatMap(
		( [ context, byId ] ) =>
			Object.values( byId )
				.filter( ( entry ) => entry.msgid !== '' )
				.map( ( entry ) => ( {
					msgid: entry.msgid,
					...( entry.msgid_plural !== undefined && {
						plural: entry.msgid_plural,
					} ),
					...( context !== '' && { context } ),
					msgstr: entry.msgstr,
					fuzzy: /\bfuzzy\b/.test( entry.comments?.flag ?? '' ),
					files: ( entry.comments?.reference ?? '' )
						.split( /\s+/ )
						.filter( Boolean )
						.map( ( reference ) =>
							reference.replace( /:\d+$/, '' )
						),
				} ) )
	);
	return { headers, messages };
}

/**
 * A message's key as gettext and Jed use it: the context, U+0004, the msgid (just the msgid without context).
 *
 * @param {{msgid: string, context?: string}} message The message.
 * @return {string} The key.
 */
export const messageKey = ( message ) =>
	message.context === undefined
		? message.msgid
		: `${ message.context }\u0004${ message.msgid }`;

/**
 * @param {Message} message A message of a .po file.
 * @return {boolean} Whether every plural form has a translation and gettext would use it (not fuzzy).
 */
export const isTranslated = ( message ) =>
	! message.fuzzy &&
	message.msgstr.length > 0 &&
	message.msgstr.every( ( text ) => text !== '' );
