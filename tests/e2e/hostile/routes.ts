/**
 * The plugin's routes as the server lists them (`GET /wp-json/flashnode/v1` and `/wp-json/wc-flashnode/v1`, the
 * REST index), split into the families the hostile-input specs cover, and the guard that fails when the server
 * has a route, a method or an argument that no hostile case of its family sends.
 */
import { expect } from '../fixtures';
import { send } from '../raw-http';
import type { Case } from './guards';
import type { Json } from './payloads';

const NAMESPACES = [ 'flashnode/v1', 'wc-flashnode/v1' ];

/** Which spec file (tests/e2e/hostile-input-<family>.spec.ts) covers which routes. */
export const FAMILIES = {
	keys: /^\/flashnode\/v1\/keys(\/|$)/,
	connection: /^\/flashnode\/v1\/connection(\/own-user)?$/,
	approval: /^\/flashnode\/v1\/connection\/(proposal|approve|deny)$/,
	webhooks: /^\/flashnode\/v1\/webhooks(\/|$)/,
	settings: /^\/flashnode\/v1\/settings$/,
	readiness: /^\/flashnode\/v1\/readiness(\/|$)/,
	health: /^\/wc-flashnode\/v1\/health$/,
	orderFlow: /^\/flashnode\/v1\/order-flow$/,
	deliveries: /^\/flashnode\/v1\/deliveries(\/|$)/,
	feed: /^\/wc-flashnode\/v1\/(changes|acks|connection)$/,
};
export type Family = keyof typeof FAMILIES;

export interface ServerRoute {
	/** As registered, e.g. `/flashnode/v1/keys/(?P<id>\d+)`. */
	pattern: string;
	methods: string[];
	/** Argument names per method, from the index's endpoints. */
	args: Record< string, string[] >;
}

let index: Promise< ServerRoute[] > | undefined;

/** Every route of the plugin's namespaces (not the namespace roots, which are WordPress's). */
export function serverRoutes(): Promise< ServerRoute[] > {
	index ??= Promise.all(
		NAMESPACES.map( async ( namespace ) => {
			const response = await send( {
				method: 'GET',
				path: `/wp-json/${ namespace }`,
			} );
			expect( response.status, response.body ).toBe( 200 );
			const routes = JSON.parse( response.body ).routes as Record<
				string,
				{
					methods: string[];
					endpoints: Array< { methods: string[]; args: object } >;
				}
			>;
			return Object.entries( routes )
				.filter( ( [ pattern ] ) => pattern !== `/${ namespace }` )
				.map( ( [ pattern, route ] ) => {
					const args: Record< string, string[] > = {};
					for ( const endpoint of route.endpoints ) {
						for ( const method of endpoint.methods ) {
							args[ method ] = Object.keys( endpoint.args ?? {} );
						}
					}
					return { pattern, methods: route.methods, args };
				} );
		} )
	).then( ( lists ) => lists.flat() );
	return index;
}

export async function familyRoutes( family: Family ): Promise< ServerRoute[] > {
	return ( await serverRoutes() ).filter( ( route ) =>
		FAMILIES[ family ].test( route.pattern )
	);
}

const PARAM = /\(\?P<(\w+)>([^)]*)\)/g;
const regexOf = ( pattern: string ) =>
	new RegExp( `^${ pattern.replace( /\(\?P</g, '(?<' ) }$` );

/**
 * The concrete paths of a route: every parameter replaced by each of its values.
 *
 * @param route  The route.
 * @param values Values per parameter name (must match the route's own pattern).
 */
export function concrete(
	route: ServerRoute,
	values: Record< string, string[] >
): string[] {
	let paths = [ route.pattern ];
	for ( const [ , name, regex ] of route.pattern.matchAll( PARAM ) ) {
		const fills = values[ name ] ?? [];
		if (
			fills.length === 0 ||
			! fills.every( ( fill ) =>
				new RegExp( `^(?:${ regex })$` ).test( fill )
			)
		) {
			throw new Error(
				`no hostile values fit {${ name }} of ${ route.pattern }: ${ fills.join( ', ' ) }`
			);
		}
		paths = paths.flatMap( ( path ) =>
			fills.map( ( fill ) =>
				path.replace( new RegExp( `\\(\\?P<${ name }>[^)]*\\)` ), fill )
			)
		);
	}
	return paths;
}

export interface Target {
	path: string;
	methods: string[];
	/** A body that would act if the request were let through. */
	validBody?: () => Record< string, Json >;
}

/**
 * The family's routes from the server, as concrete paths to aim at.
 *
 * @param family The family.
 * @param values Values per route parameter (real targets: the plugin's own key, webhook, fix).
 * @param bodies A body that would act, per route pattern.
 */
export async function targetsOf(
	family: Family,
	values: Record< string, string[] > = {},
	bodies: Record< string, () => Record< string, Json > > = {}
): Promise< Target[] > {
	return ( await familyRoutes( family ) ).flatMap( ( route ) =>
		concrete( route, values ).map( ( path ) => ( {
			path,
			methods: route.methods,
			validBody: bodies[ route.pattern ],
		} ) )
	);
}

/**
 * The route a request goes to, from either URL form.
 *
 * @param path Path and query as sent.
 */
function routeOf( path: string ): string {
	const plain = /^\/\?rest_route=([^&]*)/.exec( path );
	if ( plain ) {
		return decodeURIComponent( plain[ 1 ] );
	}
	return path.replace( /^\/wp-json/, '' ).replace( /\?.*$/, '' );
}

/**
 * The self-guard: every route of the server belongs to a family, and every route, method and argument of this
 * family is sent by at least one case (an argument: named in the body or the query).
 *
 * @param family The family.
 * @param cases  All its cases.
 */
export async function expectCovered(
	family: Family,
	cases: Case[]
): Promise< void > {
	const all = await serverRoutes();
	expect(
		all
			.filter(
				( route ) =>
					! Object.values( FAMILIES ).some( ( re ) =>
						re.test( route.pattern )
					)
			)
			.map( ( r ) => r.pattern ),
		'routes of the server that no hostile-input family covers (add one to FAMILIES and a spec)'
	).toEqual( [] );
	const missing: string[] = [];
	for ( const route of await familyRoutes( family ) ) {
		const regex = regexOf( route.pattern );
		const params = [ ...route.pattern.matchAll( PARAM ) ].map(
			( match ) => match[ 1 ]
		);
		for ( const method of route.methods ) {
			const hits = cases.filter(
				( item ) =>
					item.req.method === method &&
					regex.test( routeOf( item.req.path ) )
			);
			if ( hits.length === 0 ) {
				missing.push( `${ method } ${ route.pattern }` );
			}
			for ( const arg of ( route.args[ method ] ?? [] ).filter(
				( name ) => ! params.includes( name )
			) ) {
				const named = new RegExp(
					`"${ arg }"|[?&]${ arg }(=|\\[|%5B)`
				);
				if (
					! hits.some( ( item ) =>
						named.test(
							`${ item.req.path }&${ item.req.body ?? '' }`
						)
					)
				) {
					missing.push(
						`${ method } ${ route.pattern } argument ${ arg }`
					);
				}
			}
		}
	}
	expect(
		missing,
		`${ family }: routes, methods and arguments no hostile case sends`
	).toEqual( [] );
}
