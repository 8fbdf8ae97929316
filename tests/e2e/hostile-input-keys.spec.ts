/**
 * Hostile input, keys family (`/flashnode/v1/keys`, `/keys/{id}`, as the server's REST index lists them): every
 * path × method × broken authentication, methods the routes lack, a DELETE smuggled in a POST, every argument of
 * POST /keys broken, and ids that are not the plugin's keys. All refused (4xx), no 5xx, no PHP notice, no change
 * in the database; a WooCommerce key that is not the plugin's and a key of the plugin are the real targets.
 * Shared machinery and the other families: tests/e2e/hostile/ and hostile-input-*.spec.ts.
 */
import { test } from './fixtures';
import { ID_SEGMENTS_BAD, keyArguments } from './hostile/bad-values';
import { adminRequest } from './hostile/auth';
import { NS, hostileSetUp } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused, methodOverrideCases } from './hostile/matrix';
import { requestId } from './raw-http';

const h = hostileSetUp( { key: true } );

const validKey = () => ( {
	request_id: requestId(),
	permissions: 'read_write',
	description: 'hostile: must not exist',
} );

/** Key ids that are not the plugin's, in the path and (WordPress lets it override the route's) in the body. */
function idCases(): Case[] {
	const cases: Case[] = ID_SEGMENTS_BAD( h.foreignKey.key_id ).map(
		( segment ) => ( {
			name: `admin: DELETE ${ NS }/keys/${ segment.slice( 0, 60 ) }`,
			// Already percent-encoded segments: the path is built by hand.
			req: adminRequest(
				h,
				'DELETE',
				`/wp-json${ NS }/keys/${ segment }`
			),
		} )
	);
	for ( const id of [ h.foreignKey.key_id, '1 OR 1=1' ] ) {
		cases.push( {
			name: `admin: DELETE ${ NS }/keys/999999999 with id ${ id } in the body`,
			req: adminRequest(
				h,
				'DELETE',
				`/wp-json${ NS }/keys/999999999`,
				JSON.stringify( { id } )
			),
		} );
	}
	return cases;
}

test( 'keys: malformed requests on every route and method of the family are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'keys', {
		values: { id: [ String( h.keyId ) ] },
		bodies: { [ `${ NS }/keys` ]: validKey },
		fuzz: [
			{
				route: () => `${ NS }/keys`,
				valid: () => ( { ...validKey(), description: 'hostile' } ),
				partner: [ 'permissions', 'nope' ],
				fields: keyArguments( h.customer.user_id ),
			},
		],
		extra: [
			...methodOverrideCases( h, `${ NS }/keys/${ h.keyId }`, 'query' ),
			...idCases(),
		],
	} );
} );
