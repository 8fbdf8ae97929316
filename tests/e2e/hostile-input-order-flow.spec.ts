/**
 * Hostile input, order-flow family (`/flashnode/v1/order-flow`, GET only, no arguments): every method × broken
 * authentication, methods the route lacks, and injection payloads in the query of requests that are not a shop
 * manager's. All refused (4xx), no 5xx, no PHP notice, no change in the database.
 */
import { test } from './fixtures';
import { AUTHS, authOf } from './hostile/auth';
import { NS, hostileSetUp } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { PAYLOADS } from './hostile/payloads';
import { restPath } from './raw-http';

const h = hostileSetUp();

/** Query strings full of payloads do not get past the permission check (the route reads no argument). */
function payloadCases(): Case[] {
	return PAYLOADS.flatMap( ( payload, i ) => {
		const authName = AUTHS[ i % AUTHS.length ];
		const auth = authOf( h, authName );
		const query = [ auth.query, `q=${ encodeURIComponent( payload ) }` ]
			.filter( Boolean )
			.join( '&' );
		return [ false, true ].map( ( plain ): Case => ( {
			name: `${ authName }: GET order-flow?q=${ payload.slice( 0, 20 ) }${ plain ? ' (?rest_route=)' : '' }`,
			req: {
				method: 'GET',
				path: restPath( `${ NS }/order-flow`, query, plain ),
				headers: auth.headers,
			},
			expect: [ auth.status ],
		} ) );
	} );
}

test( 'order flow: malformed requests on every method of the route are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'orderFlow', { extra: payloadCases() } );
} );
