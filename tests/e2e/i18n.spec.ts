/**
 * The settings page in each language the plugin ships (plugin/languages/*.po): the site and the administrator
 * switched to it, the page shows none of the plugin's English strings, a REST error from the server arrives in
 * the user's language, and a screenshot per language lands in artifacts/screenshots/settings-<locale>.png
 * (the README shows the Finnish one, docs/screenshots/settings-fi.png). The English strings are the .pot's
 * msgids, split at their placeholders; a piece that some translation of the language contains too (a name
 * such as "WooCommerce" or "REST API") proves nothing and is left out.
 */
import { join } from 'node:path';

import { poFiles, readCatalog } from '../../bin/i18n/catalog.mjs';
import {
	currentLocales,
	englishIn,
	englishPieces,
	setLocale,
	shownText,
	userData,
} from './locales';
import { expect, openSettingsTab, test } from './fixtures';
import { repoRoot } from './shop';

/** A REST error the server words: POST /connection with an http:// address (refused before anything is made). */
const HTTPS_ONLY =
	'Only https:// addresses are accepted: API secrets and orders must travel encrypted.';

let original = { site: '', user: '' };
test.beforeAll( () => {
	original = currentLocales();
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
		// The texts of the plugin's elements: what they show (not WordPress components' words for screen readers,
		// such as "Error notice": WordPress's own, from its language packs) and their placeholders and labels.
		const attributes = () =>
			root.evaluate( ( element ) =>
				Array.from(
					element.querySelectorAll(
						'[placeholder], [aria-label], [title]'
					),
					( node ) =>
						[ 'placeholder', 'aria-label', 'title' ]
							.map( ( name ) => node.getAttribute( name ) ?? '' )
							.join( '\n' )
				).join( '\n' )
			);
		const rendered = async () =>
			`${ await shownText( root ) }\n${ await attributes() }`;
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
