/**
 * The settings page in each language the plugin ships (plugin/languages/*.po): the site and the administrator
 * switched to it, the page shows none of the plugin's English strings, a REST error from the server arrives in
 * the user's language, and a screenshot per language lands in artifacts/screenshots/settings-<locale>.png
 * (the README shows the Finnish one, docs/screenshots/settings-fi.png). The English strings are the .pot's
 * msgids, split at their placeholders; a piece that some translation of the language contains too (a name
 * such as "WooCommerce" or "REST API") proves nothing and is left out.
 */
import { join } from 'node:path';

import {
	poFiles,
	potPath,
	readCatalog,
	type Message,
} from '../../bin/i18n/catalog.mjs';
import { expect, openSettingsTab, test } from './fixtures';
import { repoRoot, wp } from './shop';

const localeScript = join( __dirname, 'support', 'locale.php' );
const setLocale = ( site: string, user: string ) =>
	wp( 'eval-file', localeScript, 'set', site, user );

/** A REST error the server words: POST /connection with an http:// address (refused before anything is made). */
const HTTPS_ONLY =
	'Only https:// addresses are accepted: API secrets and orders must travel encrypted.';

/**
 * English pieces of the plugin's strings that must not be seen in `locale`, each with the msgid it comes from.
 *
 * @param translations The language's messages.
 */
function englishPieces( translations: Message[] ): Map< string, string > {
	const translated = translations.flatMap( ( message ) => message.msgstr );
	const pieces = new Map< string, string >();
	for ( const { msgid, plural } of readCatalog( potPath( repoRoot ) )
		.messages ) {
		for ( const text of [ msgid, plural ?? '' ] ) {
			for ( const piece of text.split( /%(?:\d+\$)?[sdfu%]/ ) ) {
				const trimmed = piece.trim();
				if (
					( trimmed.match( /\p{L}/gu ) ?? [] ).length >= 3 &&
					! translated.some( ( t ) => t.includes( trimmed ) )
				) {
					pieces.set( trimmed, msgid );
				}
			}
		}
	}
	return pieces;
}

/**
 * The English strings found in a text, as "piece (from msgid)".
 *
 * @param text   Rendered text.
 * @param pieces From englishPieces().
 */
function englishIn( text: string, pieces: Map< string, string > ): string[] {
	const escape = ( s: string ) => s.replace( /[.*+?^${}()|[\]\\]/g, '\\$&' );
	return [ ...pieces ]
		.filter( ( [ piece ] ) =>
			new RegExp(
				`(?<![\\p{L}\\p{N}])${ escape( piece ) }(?![\\p{L}\\p{N}])`,
				'u'
			).test( text )
		)
		.map( ( [ piece, msgid ] ) =>
			piece === msgid ? piece : `${ piece } (from "${ msgid }")`
		);
}

const userData = () =>
	JSON.parse( wp( 'eval-file', localeScript, 'user-data' ) ) as string[];

let original = { site: '', user: '' };
test.beforeAll( () => {
	original = JSON.parse( wp( 'eval-file', localeScript, 'get' ) );
} );
test.afterAll( () => {
	setLocale( original.site, original.user );
} );

for ( const { locale, path } of poFiles( repoRoot ) ) {
	test( `the settings page reads in ${ locale }`, async ( {
		page,
		jsErrors,
	} ) => {
		const { messages } = readCatalog( path );
		const pieces = englishPieces( messages );
		setLocale( locale, locale );
		await page.setViewportSize( { width: 1280, height: 900 } );
		await openSettingsTab( page );
		// WordPress took the user's language: <html lang="fi">, <html lang="sv-SE">.
		await expect( page.locator( 'html' ) ).toHaveAttribute(
			'lang',
			locale.replace( '_', '-' )
		);

		const root = page.locator( '#flashnode-connector-root' );
		const rendered = async () =>
			root.evaluate( ( element ) =>
				[
					( element as HTMLElement ).innerText,
					...Array.from(
						element.querySelectorAll(
							'[placeholder], [aria-label], [title]'
						),
						( node ) =>
							[ 'placeholder', 'aria-label', 'title' ]
								.map(
									( name ) => node.getAttribute( name ) ?? ''
								)
								.join( '\n' )
					),
				].join( '\n' )
			);
		// What the shop's users named (keys, webhooks: other tests' "Flashnode e2e test key") is theirs, not ours.
		const ours = async () =>
			userData().reduce(
				( text, name ) => text.split( name ).join( '\n' ),
				await rendered()
			);
		// Guards the test: the page rendered its panels and the .pot has the strings to look for.
		expect( pieces.size ).toBeGreaterThan( 300 );
		expect( englishIn( await ours(), pieces ) ).toEqual( [] );
		await page.screenshot( {
			path: join(
				repoRoot,
				`artifacts/screenshots/settings-${ locale }.png`
			),
		} );

		// The server's own wording, asked for in the user's language (@wordpress/api-fetch sends _locale=user).
		const expected = messages.find( ( m ) => m.msgid === HTTPS_ONLY );
		await page
			.getByTestId( 'connection-url' )
			.fill( 'http://service.example/connect' );
		await page
			.getByTestId( 'connect-panel' )
			.locator( 'button[type="submit"]' )
			.click();
		await expect( root ).toContainText(
			expected?.msgstr[ 0 ] || HTTPS_ONLY
		);
		expect( englishIn( await ours(), pieces ) ).toEqual( [] );
		expect( jsErrors ).toEqual( [] );
	} );
}
