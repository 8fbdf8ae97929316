/**
 * Field fuzzing for the hostile-input specs: the shop manager with a valid nonce sends each route's arguments
 * broken one at a time (as JSON, form and query string), missing, with extras, as invalid UTF-8, and bodies that
 * are not JSON at all.
 */
import { restPath, type RawRequest } from '../raw-http';
import type { BadValue } from './bad-values';
import { adminHeaders, adminJsonHeaders } from './auth';
import type { Hostile } from './context';
import type { Case } from './guards';
import {
	INVALID_JSON,
	INVALID_UTF8_ENCODED,
	PAYLOADS,
	formEncode,
	type Json,
} from './payloads';

export interface FieldFuzz {
	route: () => string;
	/** A valid body; each case breaks one field. */
	valid: () => Record< string, Json >;
	/** A field value that makes any body invalid, for values that are valid on their own. */
	partner: [ string, Json ];
	fields: Record< string, BadValue[] >;
}

/**
 * One argument at a time broken, the rest valid, as JSON, form and query string; plus missing required
 * arguments and extra ones, invalid UTF-8, bodies without fields and invalid JSON.
 *
 * @param h      The sessions.
 * @param fuzzes What to break, per route.
 */
export function fieldCases( h: Hostile, fuzzes: FieldFuzz[] ): Case[] {
	const cases: Case[] = [];
	let round = 0;
	for ( const fuzz of fuzzes ) {
		for ( const [ field, values ] of Object.entries( fuzz.fields ) ) {
			for ( const badValue of values ) {
				// Every value as JSON; every third one also as a form body or in the query string, in turn.
				round++;
				const encodings: Array< 'json' | 'form' | 'query' > = [
					'json',
				];
				if ( round % 3 === 0 ) {
					// Query strings: no megabyte values (the web server answers those with 414 itself).
					encodings.push(
						round % 2 === 0 &&
							JSON.stringify( badValue.value ).length < 4000
							? 'query'
							: 'form'
					);
				}
				for ( const encoding of encodings ) {
					const alone =
						encoding === 'json'
							? badValue.alone
							: ( badValue.aloneAsForm ?? badValue.alone );
					const params: Record< string, Json | undefined > = {
						...fuzz.valid(),
						[ field ]: badValue.value,
						...( alone
							? {}
							: { [ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ] } ),
					};
					cases.push( {
						name: `admin: POST ${ fuzz.route() } ${ field }=${ JSON.stringify(
							badValue.value
						).slice(
							0,
							60
						) } as ${ encoding }${ alone ? '' : ' (+invalid partner)' }`,
						req: encodeRequest(
							fuzz.route(),
							params,
							encoding,
							round % 3 === 0,
							h
						),
					} );
				}
			}
		}
		// Every required argument missing; all arguments missing; unknown extra arguments; an invalid UTF-8 value.
		const valid = fuzz.valid();
		for ( const field of Object.keys( valid ) ) {
			const params: Record< string, Json | undefined > = {
				...valid,
				[ field ]: undefined,
				[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
			};
			cases.push( {
				name: `admin: POST ${ fuzz.route() } without ${ field } (+invalid partner)`,
				req: encodeRequest( fuzz.route(), params, 'json', false, h ),
			} );
		}
		const extras: Record< string, Json > = {};
		for ( let index = 0; index < 300; index++ ) {
			extras[ `extra_${ index }` ] = PAYLOADS[ index % PAYLOADS.length ];
		}
		cases.push(
			{
				name: `admin: POST ${ fuzz.route() } with 300 extra fields (+invalid partner)`,
				req: encodeRequest(
					fuzz.route(),
					{
						...valid,
						...extras,
						key_id: 1,
						consumer_secret: 'cs_x',
						user_pass: 'x',
						[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
					},
					'json',
					false,
					h
				),
			},
			{
				name: `admin: POST ${ fuzz.route() } with extra fields as form (+invalid partner)`,
				req: encodeRequest(
					fuzz.route(),
					{
						...valid,
						...extras,
						[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
					},
					'form',
					true,
					h
				),
			}
		);
		for ( const field of Object.keys( valid ) ) {
			const path = restPath( fuzz.route() );
			const body =
				formEncode( {
					...valid,
					[ fuzz.partner[ 0 ] ]: fuzz.partner[ 1 ],
				} ) + `&${ field }=${ INVALID_UTF8_ENCODED }`;
			cases.push( {
				name: `admin: POST ${ fuzz.route() } ${ field } with invalid UTF-8 (form)`,
				req: {
					method: 'POST',
					path,
					headers: {
						...adminHeaders( h ),
						'Content-Type': 'application/x-www-form-urlencoded',
					},
					body,
				},
			} );
		}
		// The required fields missing for real (no partner): a body with nothing.
		if ( ! fuzz.route().endsWith( '/settings' ) ) {
			for ( const body of [ '{}', '[]', 'null', '""', '0' ] ) {
				cases.push( {
					name: `admin: POST ${ fuzz.route() } with body ${ body }`,
					req: {
						method: 'POST',
						path: restPath( fuzz.route() ),
						headers: adminJsonHeaders( h ),
						body,
					},
				} );
			}
		}
		for ( const body of INVALID_JSON ) {
			cases.push( {
				name: `admin: POST ${ fuzz.route() } with invalid JSON ${ JSON.stringify(
					body.toString().slice( 0, 30 )
				) }`,
				req: {
					method: 'POST',
					path: restPath( fuzz.route() ),
					headers: adminJsonHeaders( h ),
					body,
				},
			} );
		}
	}
	return cases;
}

/**
 * A POST carrying params as a JSON body, a form body or in the query string.
 *
 * @param route    Route.
 * @param params   Parameters.
 * @param encoding How they travel.
 * @param plain    Use the ?rest_route= form.
 * @param h        The sessions.
 */
function encodeRequest(
	route: string,
	params: Record< string, Json | undefined >,
	encoding: 'json' | 'form' | 'query',
	plain: boolean,
	h: Hostile
): RawRequest {
	if ( encoding === 'query' ) {
		return {
			method: 'POST',
			path: restPath( route, formEncode( params ), plain ),
			headers: adminHeaders( h ),
		};
	}
	return {
		method: 'POST',
		path: restPath( route, '', plain ),
		headers: {
			...adminHeaders( h ),
			'Content-Type':
				encoding === 'json'
					? 'application/json'
					: 'application/x-www-form-urlencoded',
		},
		body:
			encoding === 'json'
				? JSON.stringify( params )
				: formEncode( params ),
	};
}
