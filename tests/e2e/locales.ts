/**
 * Switching the shop's languages (tests/e2e/support/locale.php), and the plugin's English left on a translated
 * screen: the .pot's msgids, split at their placeholders, as pieces of at least three letters; a piece that some
 * translation of the language contains too (a name such as "WooCommerce" or "REST API") proves nothing and is
 * left out. Used by i18n.spec.ts (the settings page) and deliveries-panel.spec.ts (the delivery card and the order
 * screens).
 */
import type { Locator } from '@playwright/test';
import { join } from 'node:path';

import { potPath, readCatalog, type Message } from '../../bin/i18n/catalog.mjs';
import { repoRoot, wp } from './shop';

const localeScript = join( __dirname, 'support', 'locale.php' );

/**
 * Sets the site's and the administrator's language ('' for English).
 *
 * @param site Site locale.
 * @param user The administrator's locale.
 */
export const setLocale = ( site: string, user: string ) =>
	wp( 'eval-file', localeScript, 'set', site, user );

/** The site's and the administrator's language now, to put back afterwards. */
export const currentLocales = (): { site: string; user: string } =>
	JSON.parse( wp( 'eval-file', localeScript, 'get' ) );

/** Names the shop's users gave things (keys, webhooks): theirs, not the plugin's English. */
export const userData = () =>
	JSON.parse( wp( 'eval-file', localeScript, 'user-data' ) ) as string[];

/**
 * English pieces of the plugin's strings that must not be seen in `locale`, each with the msgid it comes from.
 *
 * @param translations The language's messages.
 */
export function englishPieces(
	translations: Message[]
): Map< string, string > {
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
export function englishIn(
	text: string,
	pieces: Map< string, string >
): string[] {
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

/**
 * What an element shows, without WordPress components' words for screen readers ("Error notice"): WordPress's
 * own strings, translated by WordPress's language packs, which the test shop does not install.
 *
 * @param element The element.
 */
export function shownText( element: Locator ): Promise< string > {
	return element.evaluate( ( root ) => {
		const hidden = Array.from(
			root.querySelectorAll< HTMLElement >(
				'.components-visually-hidden'
			)
		);
		hidden.forEach( ( node ) => ( node.style.display = 'none' ) );
		const text = ( root as HTMLElement ).innerText;
		hidden.forEach( ( node ) => ( node.style.display = '' ) );
		return text;
	} );
}
