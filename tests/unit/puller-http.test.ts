/* eslint-disable jsdoc/check-tag-names -- Jest reads the docblock below. */
/**
 * @jest-environment node
 */
/* eslint-enable jsdoc/check-tag-names */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { get } from '../../src/puller/http';

/**
 * A server that behaves like Apache at the end of its KeepAliveTimeout: it answers the first request on a
 * connection with keep-alive, and drops the connection without an answer when a second request arrives on
 * it. A client that reuses connections then fails with "socket hang up" (the e2e suite's flaky failure on a
 * busy machine); one that opens a connection per request never meets it.
 */
function closingServer(): Promise< { server: Server; url: string } > {
	const served = new WeakMap< object, number >();
	const server = createServer( ( req, res ) => {
		const count = ( served.get( req.socket ) ?? 0 ) + 1;
		served.set( req.socket, count );
		if ( count > 1 ) {
			req.socket.destroy();
			return;
		}
		res.writeHead( 200, {
			'Content-Type': 'application/json',
			Connection: 'keep-alive',
		} );
		res.end( '{"ok":true}' );
	} );
	return new Promise( ( resolve ) =>
		server.listen( 0, '127.0.0.1', () =>
			resolve( {
				server,
				url: `http://127.0.0.1:${
					( server.address() as AddressInfo ).port
				}/`,
			} )
		)
	);
}

describe( 'get()', () => {
	it( 'opens a connection per request, so a server closing an idle kept-alive one cannot fail the next request', async () => {
		const { server, url } = await closingServer();
		try {
			for ( let i = 0; i < 3; i++ ) {
				const response = await get( url );
				expect( response.status ).toBe( 200 );
				expect( JSON.parse( response.body ) ).toEqual( { ok: true } );
			}
		} finally {
			server.closeAllConnections();
			await new Promise( ( resolve ) => server.close( resolve ) );
		}
	} );
} );
