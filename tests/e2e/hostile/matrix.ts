/**
 * The request matrix every route family of the hostile-input specs gets: every path of the family × every method
 * × every broken authentication, methods the routes do not have, and method overrides; and one family's whole run.
 */
import { test } from '../fixtures';
import { restPath } from '../raw-http';
import { AUTHS, adminJsonHeaders, authOf } from './auth';
import type { Hostile } from './context';
import { fieldCases, type FieldFuzz } from './fields';
import { expectAllRefused, type Case } from './guards';
import { formEncode, type Json } from './payloads';
import { expectCovered, targetsOf, type Family, type Target } from './routes';

const METHODS = [ 'GET', 'POST', 'PUT', 'PATCH', 'DELETE' ];

/**
 * Every path × every method × every broken authentication (both URL forms for the two variants that reach the
 * routes' own permission check without a nonce error first), with a body that would act.
 *
 * @param h       The sessions.
 * @param targets Concrete paths of the family.
 */
export function badAuthenticationCases(
	h: Hostile,
	targets: Target[]
): Case[] {
	const cases: Case[] = [];
	for ( const target of targets ) {
		for ( const method of METHODS ) {
			for ( const authName of AUTHS ) {
				const plainForms =
					authName === 'anonymous' ||
					authName === 'cookie without nonce'
						? [ false, true ]
						: [ false ];
				for ( const plain of plainForms ) {
					const auth = authOf( h, authName );
					const body =
						target.validBody && method !== 'GET'
							? JSON.stringify( target.validBody() )
							: undefined;
					// A GET carries the arguments in the query, so that WordPress's check of required arguments
					// (which comes before the permission check) passes and the authentication is what is refused.
					const query =
						target.validBody && method === 'GET'
							? formEncode( target.validBody() )
							: '';
					cases.push( {
						name: `${ authName }: ${ method } ${ target.path }${ plain ? ' (?rest_route=)' : '' }`,
						req: {
							method,
							path: restPath(
								target.path,
								[ auth.query, query ]
									.filter( Boolean )
									.join( '&' ),
								plain
							),
							headers: {
								...auth.headers,
								...( body
									? { 'Content-Type': 'application/json' }
									: {} ),
							},
							body,
						},
						// A method the route does not have: 404 (no route), or the nonce error that comes first.
						expect: target.methods.includes( method )
							? [ auth.status ]
							: [ 401, 403, 404 ],
					} );
				}
			}
		}
	}
	return cases;
}

/**
 * The shop manager with a valid nonce, with methods the routes do not have (and a made-up one, so a route
 * cannot fall back to GET).
 *
 * @param h       The sessions.
 * @param targets Concrete paths of the family.
 */
export function wrongMethodCases( h: Hostile, targets: Target[] ): Case[] {
	const cases: Case[] = [];
	for ( const target of targets ) {
		for ( const method of [ ...METHODS, 'PROPFIND' ].filter(
			( m ) => ! target.methods.includes( m )
		) ) {
			const plain = method.length % 2 === 0;
			cases.push( {
				name: `admin: ${ method } ${ target.path }${ plain ? ' (?rest_route=)' : '' }`,
				req: {
					method,
					path: restPath( target.path, '', plain ),
					headers: adminJsonHeaders( h ),
					body: JSON.stringify(
						target.validBody ? target.validBody() : { id: 1 }
					),
				},
				// Never a 5xx (Apache's 501 for an unknown method would be one).
				expect: [ 400, 404, 405 ],
			} );
		}
	}
	return cases;
}

/**
 * A DELETE smuggled in a POST (?_method= or the header WordPress honours on POST), under every broken
 * authentication: refused like the DELETE itself.
 *
 * @param h    The sessions.
 * @param path A path of one of the plugin's own objects.
 * @param how  Query parameter or header.
 */
export function methodOverrideCases(
	h: Hostile,
	path: string,
	how: 'query' | 'header'
): Case[] {
	return AUTHS.map( ( authName ) => {
		const auth = authOf( h, authName );
		const query = how === 'query' ? '_method=DELETE' : '';
		return {
			name: `${ authName }: POST with ${
				how === 'query'
					? '?_method=DELETE'
					: 'X-HTTP-Method-Override: DELETE'
			} on ${ path }`,
			req: {
				method: 'POST',
				path: restPath(
					path,
					[ auth.query, query ].filter( Boolean ).join( '&' )
				),
				headers: {
					...auth.headers,
					...( how === 'header'
						? { 'X-HTTP-Method-Override': 'DELETE' }
						: {} ),
				},
			},
			expect: [ auth.status ],
		};
	} );
}

/**
 * The least number of malformed requests per family: together at least 1,500 (a family that loses cases fails).
 */
const MINIMUM: Record< Family, number > = {
	keys: 300,
	connection: 230,
	webhooks: 488,
	settings: 179,
	readiness: 278,
	health: 68,
	orderFlow: 60,
	deliveries: 60,
	approval: 1331,
	feed: 449,
};
if ( Object.values( MINIMUM ).reduce( ( a, b ) => a + b ) < 1500 ) {
	throw new Error(
		'the hostile-input families send fewer than 1,500 requests'
	);
}

/**
 * One family's whole hostile run: the matrix on every path the server lists for it (health and feed: none, they
 * are not for browser sessions; their specs bring their own credentials), its field fuzzing and its own cases;
 * then the coverage guard and the refusal guards.
 *
 * @param h              The sessions and targets.
 * @param family         The family.
 * @param options        What the family adds.
 * @param options.values Values per route parameter.
 * @param options.bodies A body that would act, per route pattern.
 * @param options.fuzz   Arguments to break.
 * @param options.extra  The family's own cases.
 */
export async function expectFamilyRefused(
	h: Hostile,
	family: Family,
	options: {
		values?: Record< string, string[] >;
		bodies?: Record< string, () => Record< string, Json > >;
		fuzz?: FieldFuzz[];
		extra?: Case[];
	}
): Promise< void > {
	test.setTimeout( 600_000 );
	const targets =
		family === 'health' || family === 'feed'
			? []
			: await targetsOf( family, options.values, options.bodies );
	const cases = [
		...badAuthenticationCases( h, targets ),
		...wrongMethodCases( h, targets ),
		...fieldCases( h, options.fuzz ?? [] ),
		...( options.extra ?? [] ),
	];
	await expectCovered( family, cases );
	await expectAllRefused( family, cases, MINIMUM[ family ], h.agent );
}
