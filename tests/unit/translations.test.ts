/**
 * What `npm run build` makes of the .po files (bin/i18n/build.mjs): a .mo for PHP and, for the admin script, a
 * JSON file under the name WordPress's load_script_textdomain() looks for, holding exactly the script's
 * translated strings in Jed 1.x format. Reads the build's output (bin/test.sh builds before this tier).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	LANGUAGES_DIR,
	isTranslated,
	messageKey,
	poFiles,
	readCatalog,
} from '../../bin/i18n/catalog.mjs';
import { scriptJsonName } from '../../bin/i18n/script-json.mjs';
import { scriptMessages } from '../../bin/i18n/script-messages.mjs';

const root = join( __dirname, '../..' );
const SCRIPT = 'build/index.js';
const LOCALES = [ 'bg_BG', 'fi', 'hu_HU', 'sv_SE' ];

interface JedFile {
	source: string;
	domain: string;
	locale_data: {
		messages: Record< string, string[] > & {
			'': { domain: string; lang: string; 'plural-forms': string };
		};
	};
}

describe( 'the translations', () => {
	it( 'are kept for the four languages of the issue', () => {
		expect( poFiles( root ).map( ( file ) => file.locale ) ).toEqual(
			LOCALES
		);
	} );

	it( 'name script files as WordPress does: md5 of the path in the plugin folder', () => {
		// md5( 'build/index.js' ), as load_script_textdomain() computes it from the script's URL.
		expect( scriptJsonName( 'fi', SCRIPT ) ).toBe(
			'flashnode-connector-fi-dfbff627e6c248bcb3b61d7d06da9ca9.json'
		);
	} );

	const inScript = scriptMessages(
		readFileSync( join( root, SCRIPT ), 'utf8' )
	).map( messageKey );

	it.each( poFiles( root ) )(
		'$locale: a .mo and the script’s JSON with its translated strings only',
		( { locale, path } ) => {
			expect( existsSync( path.replace( /\.po$/, '.mo' ) ) ).toBe( true );
			const { headers, messages } = readCatalog( path );
			const json = JSON.parse(
				readFileSync(
					join(
						root,
						LANGUAGES_DIR,
						scriptJsonName( locale, SCRIPT )
					),
					'utf8'
				)
			) as JedFile;
			const { '': header, ...strings } = json.locale_data.messages;
			expect( json ).toMatchObject( {
				source: SCRIPT,
				domain: 'messages',
			} );
			expect( header ).toEqual( {
				domain: 'messages',
				lang: locale,
				'plural-forms': headers[ 'Plural-Forms' ],
			} );
			const expected = Object.fromEntries(
				messages
					.filter(
						( message ) =>
							isTranslated( message ) &&
							inScript.includes( messageKey( message ) )
					)
					.map( ( message ) => [
						messageKey( message ),
						message.msgstr,
					] )
			);
			// Guards the test: the page's strings are there, PHP-only ones (the order list column) are not.
			expect( Object.keys( expected ).length ).toBeGreaterThan( 100 );
			expect( strings ).not.toHaveProperty( 'Not transferred' );
			expect( strings ).toEqual( expected );
		}
	);
} );
