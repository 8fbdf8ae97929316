/**
 * The plugin's translatable strings in a built script: the calls of __, _x, _n and _nx whose domain is the
 * plugin's, as webpack writes them. Decides which strings go into a script's translation file (build.mjs) and
 * checks that the .pot holds them all (tests/unit/pot-coverage.test.ts).
 */
import { parseSync } from '@babel/core';

import { DOMAIN } from './catalog.mjs';

/** Where the text, plural, context and domain are among each i18n function's arguments. */
const SIGNATURES = {
	__: { msgid: 0, domain: 1 },
	_x: { msgid: 0, context: 1, domain: 2 },
	_n: { msgid: 0, plural: 1, domain: 3 },
	_nx: { msgid: 0, plural: 1, context: 3, domain: 4 },
};

const isNode = ( value ) =>
	typeof value === 'object' &&
	value !== null &&
	typeof value.type === 'string';

/**
 * The called function's name: `__`, `x.__` and webpack's `(0, x.__)` all give "__".
 *
 * @param {Object} callee Babel node.
 * @return {string|null} The name.
 */
function calleeName( callee ) {
	if ( callee.type === 'SequenceExpression' ) {
		const last = callee.expressions.at( -1 );
		return last ? calleeName( last ) : null;
	}
	if ( callee.type === 'Identifier' ) {
		return callee.name;
	}
	return callee.type === 'MemberExpression' &&
		! callee.computed &&
		callee.property?.type === 'Identifier'
		? callee.property.name
		: null;
}

/**
 * @param {Object|undefined} node Babel node.
 * @param {string}           what Which argument, for the error.
 * @return {string} The literal's value.
 */
function literal( node, what ) {
	if ( node?.type !== 'StringLiteral' ) {
		throw new Error(
			`A translated call has a ${ what } that is not a string literal: tools cannot extract it`
		);
	}
	return node.value;
}

/**
 * @param {string} code JavaScript source (minified is fine).
 * @return {{msgid: string, plural?: string, context?: string}[]} The plugin's messages, in source order.
 */
export function scriptMessages( code ) {
	const ast = parseSync( code, {
		babelrc: false,
		configFile: false,
		sourceType: 'script',
	} );
	const messages = [];
	const visit = ( value ) => {
		if ( Array.isArray( value ) ) {
			value.forEach( visit );
			return;
		}
		if ( ! isNode( value ) ) {
			return;
		}
		if ( value.type === 'CallExpression' ) {
			const name = calleeName( value.callee );
			const signature = name ? SIGNATURES[ name ] : undefined;
			const args = value.arguments;
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
