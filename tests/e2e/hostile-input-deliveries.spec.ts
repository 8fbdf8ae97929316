/**
 * Hostile input, deliveries family (`/flashnode/v1/deliveries`, `/deliveries/{id}/retry`): every path × method ×
 * broken authentication, methods the routes lack, connection ids that are no connection (or no valid id at all)
 * from a shop manager, and payloads in the query. All refused (4xx), no 5xx, no PHP notice, no change in the
 * database.
 */
import { test } from './fixtures';
import { AUTHS, adminRequest, authOf } from './hostile/auth';
import { ID_SEGMENTS_BAD } from './hostile/bad-values';
import { NS, hostileSetUp } from './hostile/context';
import type { Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { PAYLOADS } from './hostile/payloads';
import { restPath } from './raw-http';

const h = hostileSetUp();

/** "Retry now" for connections that do not exist or receive no deliveries: 404, nothing queued. */
function idCases(): Case[] {
	return [ 'no-such-service', 'manual', ...ID_SEGMENTS_BAD( 1 ) ].map(
		( segment ): Case => ( {
			name: `admin: POST ${ NS }/deliveries/${ segment.slice( 0, 60 ) }/retry`,
			// Already percent-encoded segments: the path is built by hand.
			req: adminRequest(
				h,
				'POST',
				`/wp-json${ NS }/deliveries/${ segment }/retry`
			),
		} )
	);
}

/** Query strings full of payloads do not get past the permission check. */
function payloadCases(): Case[] {
	return PAYLOADS.map( ( payload, i ): Case => {
		const authName = AUTHS[ i % AUTHS.length ];
		const auth = authOf( h, authName );
		const query = [ auth.query, `q=${ encodeURIComponent( payload ) }` ]
			.filter( Boolean )
			.join( '&' );
		return {
			name: `${ authName }: GET deliveries?q=${ payload.slice( 0, 20 ) }`,
			req: {
				method: 'GET',
				path: restPath( `${ NS }/deliveries`, query, false ),
				headers: auth.headers,
			},
			expect: [ auth.status ],
		};
	} );
}

test( 'deliveries: malformed requests on every route and method of the family are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'deliveries', {
		values: { id: [ 'no-such-service' ] },
		extra: [ ...idCases(), ...payloadCases() ],
	} );
} );
