/**
 * Every translatable string of the shipped admin script is in the shipped .pot: translators work from the .pot,
 * so a string missing there stays English in every language. Reads the production build (`npm run build`,
 * which bin/test.sh runs before this tier) and the .pot bin/make-pot.mjs writes next to it.
 */
import { parseSync } from '@babel/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join( __dirname, '../..' );
const DOMAIN = 'flashnode-connector';
const BUILT_SCRIPT = join( root, 'build/index.js' );
const POT = join( root, 'plugin/languages', `${ DOMAIN }.pot` );

export interface Message {
	msgid: string;
	plural?: string;
	context?: string;
}

/** Where the text, plural, context and domain are among each i18n function's arguments. */
const SIGNATURES: Record<
	string,
	{ msgid: number; plural?: number; context?: number; domain: number }
> = {
	__: { msgid: 0, domain: 1 },
	_x: { msgid: 0, context: 1, domain: 2 },
	_n: { msgid: 0, plural: 1, domain: 3 },
	_nx: { msgid: 0, plural: 1, context: 3, domain: 4 },
};

const key = ( message: Message ) =>
	`${ message.context ?? '' }\u0004${ message.msgid }`;

/**
 * The C escapes GNU gettext writes in .po strings.
 * @param text
 */
function unescapePo( text: string ): string {
	const simple: Record< string, string > = {
		n: '\n',
		t: '\t',
		r: '\r',
		a: '\x07',
		b: '\b',
		f: '\f',
		v: '\v',
		'\\': '\\',
		'"': '"',
		"'": "'",
		'?': '?',
	};
	return text.replace(
		/\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)/g,
		( whole, code: string ) => {
			if ( code[ 0 ] === 'x' ) {
				return String.fromCharCode( parseInt( code.slice( 1 ), 16 ) );
			}
			if ( /^[0-7]/.test( code ) ) {
				return String.fromCharCode( parseInt( code, 8 ) );
			}
			if ( ! ( code in simple ) ) {
				throw new Error( `Unknown escape ${ whole } in the .pot` );
			}
			return simple[ code ] as string;
		}
	);
}

/**
 * Messages of a .po/.pot file: strings continued over several lines, escapes, msgctxt and msgid_plural.
 * The header (empty msgid) and obsolete entries (#~) are left out.
 *
 * @param text The file's contents.
 */
export function parsePot( text: string ): Message[] {
	const messages: Message[] = [];
	let entry: Record< string, string > = {};
	let field: string | null = null;
	const flush = () => {
		if ( entry.msgid ) {
			messages.push( {
				msgid: entry.msgid,
				...( entry.msgid_plural !== undefined && {
					plural: entry.msgid_plural,
				} ),
				...( entry.msgctxt !== undefined && {
					context: entry.msgctxt,
				} ),
			} );
		}
		entry = {};
		field = null;
	};
	for ( const raw of text.split( /\r?\n/ ) ) {
		const line = raw.trim();
		if ( line === '' ) {
			flush();
			continue;
		}
		if ( line.startsWith( '#' ) ) {
			continue;
		}
		const start =
			/^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$/.exec(
				line
			);
		const more = /^"(.*)"$/.exec( line );
		if ( start ) {
			// A new msgctxt or msgid after a msgstr starts the next entry (files without blank lines).
			if (
				( start[ 1 ] === 'msgctxt' || start[ 1 ] === 'msgid' ) &&
				Object.keys( entry ).some( ( f ) => f.startsWith( 'msgstr' ) )
			) {
				flush();
			}
			field = start[ 1 ] as string;
			entry[ field ] = unescapePo( start[ 2 ] as string );
		} else if ( more && field ) {
			entry[ field ] += unescapePo( more[ 1 ] as string );
		} else {
			throw new Error( `Unexpected line in the .pot: ${ raw }` );
		}
	}
	flush();
	return messages;
}

interface Node {
	type: string;
	[ field: string ]: unknown;
}

const isNode = ( value: unknown ): value is Node =>
	typeof value === 'object' &&
	value !== null &&
	typeof ( value as Node ).type === 'string';

/**
 * The called function's name: `__`, `x.__` and webpack's `(0, x.__)` all give "__".
 * @param callee
 */
function calleeName( callee: Node ): string | null {
	if ( callee.type === 'SequenceExpression' ) {
		const last = ( callee.expressions as Node[] ).at( -1 );
		return last ? calleeName( last ) : null;
	}
	if ( callee.type === 'Identifier' ) {
		return callee.name as string;
	}
	const property = callee.property as Node | undefined;
	return callee.type === 'MemberExpression' &&
		! callee.computed &&
		property?.type === 'Identifier'
		? ( property.name as string )
		: null;
}

/**
 * The plugin's translatable strings in a script: calls of __, _x, _n, _nx whose domain is the plugin's.
 *
 * @param code JavaScript source (minified is fine).
 */
export function scriptMessages( code: string ): Message[] {
	const ast = parseSync( code, {
		babelrc: false,
		configFile: false,
		sourceType: 'script',
	} );
	const messages: Message[] = [];
	const literal = ( node: Node | undefined, what: string ) => {
		if ( node?.type !== 'StringLiteral' ) {
			throw new Error(
				`A translated call has a ${ what } that is not a string literal: tools cannot extract it`
			);
		}
		return node.value as string;
	};
	const visit = ( value: unknown ): void => {
		if ( Array.isArray( value ) ) {
			value.forEach( visit );
			return;
		}
		if ( ! isNode( value ) ) {
			return;
		}
		if ( value.type === 'CallExpression' ) {
			const name = calleeName( value.callee as Node );
			const signature = name ? SIGNATURES[ name ] : undefined;
			const args = value.arguments as Node[];
			const domain = signature && args[ signature.domain ];
			if (
				signature &&
				domain?.type === 'StringLiteral' &&
				domain.value === DOMAIN
			) {
				messages.push( {
					msgid: literal( args[ signature.msgid ], 'text' ),
					...( signature.plural !== undefined && {
						plural: literal( args[ signature.plural ], 'plural' ),
					} ),
					...( signature.context !== undefined && {
						context: literal(
							args[ signature.context ],
							'context'
						),
					} ),
				} );
			}
		}
		for ( const [ field, child ] of Object.entries( value ) ) {
			if ( ! [ 'loc', 'start', 'end', 'extra' ].includes( field ) ) {
				visit( child );
			}
		}
	};
	visit( ast?.program );
	return messages;
}

describe( 'parsePot', () => {
	it( 'reads continued lines, escapes, plurals and contexts', () => {
		const pot = [
			'msgid ""',
			'msgstr ""',
			'"Content-Type: text/plain; charset=UTF-8\\n"',
			'',
			'#: src/a.tsx:1',
			'msgid ""',
			'"A long text that "',
			'"goes on with \\"quotes\\", a back\\\\slash,\\na line break"',
			'msgstr ""',
			'',
			'msgctxt "verb"',
			'msgid "Order"',
			'msgstr ""',
			'',
			'msgid "%d webhook"',
			'msgid_plural "%d webhooks"',
			'msgstr[0] ""',
			'msgstr[1] ""',
			'#~ msgid "Obsolete"',
			'#~ msgstr ""',
		].join( '\n' );
		expect( parsePot( pot ) ).toEqual( [
			{
				msgid: 'A long text that goes on with "quotes", a back\\slash,\na line break',
			},
			{ msgid: 'Order', context: 'verb' },
			{ msgid: '%d webhook', plural: '%d webhooks' },
		] );
	} );
} );

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
			parsePot( readFileSync( POT, 'utf8' ) ).map( ( message ) => [
				key( message ),
				message,
			] )
		);
		const missing = inScript.filter( ( message ) => {
			const found = inPot.get( key( message ) );
			return ! found || found.plural !== message.plural;
		} );
		// Jest prints the list: strings translators never see.
		expect( missing.map( ( message ) => message.msgid ) ).toEqual( [] );
	} );
} );
