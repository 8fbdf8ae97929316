/**
 * Hostile input, readiness family (`/flashnode/v1/readiness`, `/readiness/fixes/{id}`,
 * `/readiness/site-health/{test}`, as the server's REST index lists them) and the readiness loopback probe (admin-ajax): every path × method × broken authentication,
 * methods the routes lack, fix ids that do not exist, fixes that cannot be removed, and `fresh` values that are
 * not booleans. All refused (4xx), no 5xx, no PHP notice, no change in the database (the settings and .htaccess
 * the one-click fixes would change included).
 */
import { test } from './fixtures';
import { FIX_SEGMENTS_BAD } from './hostile/bad-values';
import { adminRequest } from './hostile/auth';
import { NS, hostileSetUp } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { PAYLOADS } from './hostile/payloads';
import { restPath } from './raw-http';

const h = hostileSetUp();
const FIXES = [ 'permalinks', 'legacy_api', 'authorization_header' ];

/** Fix ids and readiness arguments, as the shop manager. */
function argumentCases(): Case[] {
	const cases: Case[] = [];
	const admin = ( name: string, method: string, path: string ) => ( {
		name: `admin: ${ name }`,
		req: adminRequest( h, method, path ),
	} );
	for ( const segment of FIX_SEGMENTS_BAD ) {
		for ( const method of [ 'POST', 'DELETE' ] ) {
			cases.push(
				admin(
					`${ method } readiness fix ${ segment.slice( 0, 40 ) }`,
					method,
					// Already percent-encoded segments: the path is built by hand.
					`/wp-json${ NS }/readiness/fixes/${ segment }`
				)
			);
		}
	}
	// Fixes that change a WordPress setting cannot be removed: 400, nothing changes.
	for ( const fix of [ 'permalinks', 'legacy_api' ] ) {
		cases.push( {
			...admin(
				`DELETE readiness fix ${ fix }`,
				'DELETE',
				restPath( `${ NS }/readiness/fixes/${ fix }` )
			),
			expect: [ 400 ],
		} );
	}
	const fresh = [ 'maybe', '2', '-1', 'yes', '%5B%5D', '%FF' ];
	for ( const value of [
		...fresh,
		'1%20OR%201%3D1',
		'%3Cscript%3E',
		'a'.repeat( 4000 ),
	] ) {
		for ( const plain of [ false, true ] ) {
			cases.push( {
				...admin(
					`GET readiness?fresh=${ value.slice( 0, 30 ) }`,
					'GET',
					restPath( `${ NS }/readiness`, `fresh=${ value }`, plain )
				),
				expect: [ 400 ],
			} );
		}
	}
	for ( const query of [
		'fresh[]=1',
		'fresh[a]=1',
		'fresh[]=true&fresh[]=false',
	] ) {
		cases.push( {
			...admin(
				`GET readiness?${ query }`,
				'GET',
				restPath( `${ NS }/readiness`, encodeURI( query ) )
			),
			expect: [ 400 ],
		} );
	}
	return cases;
}

/** The readiness loopback probe (admin-ajax): without the one-time token it answers 403 and nothing else. */
function probeCases(): Case[] {
	return [
		'',
		'garbage',
		'a'.repeat( 4000 ),
		...PAYLOADS.slice( 0, 6 ),
	].flatMap( ( token ) =>
		[ 'GET', 'POST' ].map( ( method ): Case => ( {
			name: `loopback probe ${ method } with token ${ token.slice( 0, 30 ) }`,
			req: {
				method,
				path: '/wp-admin/admin-ajax.php?action=flashnode_connector_probe',
				headers: token
					? { 'X-Flashnode-Probe': encodeURIComponent( token ) }
					: {},
			},
			expect: [ 403 ],
		} ) )
	);
}

test( 'readiness: malformed requests on every route and method of the family, and the loopback probe, are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'readiness', {
		values: { id: FIXES, test: [ 'flashnode-permalinks' ] },
		extra: [ ...argumentCases(), ...probeCases() ],
	} );
} );
