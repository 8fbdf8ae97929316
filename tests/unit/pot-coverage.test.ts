/**
 * Every translatable string of the shipped admin script is in the shipped .pot: translators work from the .pot,
 * so a string missing there stays English in every language. Reads the production build (`npm run build`,
 * which bin/test.sh runs before this tier) and the .pot bin/make-pot.mjs writes next to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { messageKey, potPath, readCatalog } from '../../bin/i18n/catalog.mjs';
import { scriptMessages } from '../../bin/i18n/script-messages.mjs';

const root = join( __dirname, '../..' );
const BUILT_SCRIPT = join( root, 'build/index.js' );
const POT = potPath( root );

describe( 'scriptMessages', () => {
	it( 'finds the calls as webpack writes them, only for the plugin’s domain', () => {
		const code = [
			'(0,i.__)("Send test","flashnode-connector");',
			'(0,i._x)("Order","verb","flashnode-connector");',
			'(0,i._n)("%d key","%d keys",e.length+1,"flashnode-connector");',
			'(0,i._nx)("a","b",n,"ctx","flashnode-connector");',
			'(0,i.__)("Quote \\u201cit\\u201d\\n","flashnode-connector");',
			'(0,i.__)("Someone else\'s","woocommerce");',
		].join( '' );
		expect( scriptMessages( code ) ).toEqual( [
			{ msgid: 'Send test' },
			{ msgid: 'Order', context: 'verb' },
			{ msgid: '%d key', plural: '%d keys' },
			{ msgid: 'a', plural: 'b', context: 'ctx' },
			{ msgid: 'Quote \u201cit\u201d\n' },
		] );
	} );

	it( 'refuses a translated call whose text is not a literal', () => {
		expect( () =>
			scriptMessages( '(0,i.__)(t,"flashnode-connector");' )
		).toThrow( /not a string literal/ );
	} );
} );

describe( 'the shipped .pot', () => {
	it( 'holds every translatable string of build/index.js', () => {
		for ( const [ file, how ] of [
			[ BUILT_SCRIPT, 'npm run build' ],
			[ POT, 'npm run build (bin/make-pot.mjs)' ],
		] as const ) {
			if ( ! existsSync( file ) ) {
				throw new Error(
					`${ file } is missing: run \`${ how }\` before this test.`
				);
			}
		}
		const inScript = scriptMessages( readFileSync( BUILT_SCRIPT, 'utf8' ) );
		// Guards the test itself: the page has well over a hundred strings, "Send test" among them.
		expect( inScript.length ).toBeGreaterThan( 100 );
		expect( inScript ).toContainEqual( { msgid: 'Send test' } );

		const inPot = new Map(
			readCatalog( POT ).messages.map( ( message ) => [
				messageKey( message ),
				message,
			] )
		);
		const missing = inScript.filter( ( message ) => {
			const found = inPot.get( messageKey( message ) );
			return ! found || found.plural !== message.plural;
		} );
		// Jest prints the list: strings translators never see.
		expect( missing.map( ( message ) => message.msgid ) ).toEqual( [] );
	} );
} );
