/* eslint-disable jsdoc/check-tag-names -- Jest reads the docblock below. */
/**
 * @jest-environment node
 */
/* eslint-enable jsdoc/check-tag-names */
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { get, request } from '../../src/puller/http';

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

describe( 'request()', () => {
	it( 'sends any method, the path exactly as written and the body as given, and times the answer', async () => {
		const seen: Array< {
			method?: string;
			url?: string;
			body: string;
			length?: string;
		} > = [];
		const server = createServer( ( req, res ) => {
			const chunks: Buffer[] = [];
			req.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
			req.on( 'end', () => {
				seen.push( {
					method: req.method,
					url: req.url,
					body: Buffer.concat( chunks ).toString( 'latin1' ),
					length: req.headers[ 'content-length' ],
				} );
				res.writeHead( 418 ).end( 'teapot' );
			} );
		} );
		await new Promise< void >( ( resolve ) =>
			server.listen( 0, '127.0.0.1', resolve )
		);
		const { port } = server.address() as AddressInfo;
		try {
			const body = Buffer.from( [ 0x7b, 0xff, 0xfe ] );
			const response = await request(
				`http://127.0.0.1:${ port }/a/../b%2F?x='y'&z[]=1`,
				{ method: 'PROPFIND', body }
			);
			expect( response.status ).toBe( 418 );
			expect( response.body ).toBe( 'teapot' );
			expect( response.ttfbMs ).toBeGreaterThan( 0 );
			expect( response.totalMs ).toBeGreaterThanOrEqual(
				response.ttfbMs
			);
			expect( seen ).toEqual( [
				{
					method: 'PROPFIND',
					url: "/a/../b%2F?x='y'&z[]=1",
					body: body.toString( 'latin1' ),
					length: '3',
				},
			] );
		} finally {
			await new Promise( ( resolve ) => server.close( resolve ) );
		}
	} );

	it( 'with a keep-alive agent, sends a request again only when asked to (retryReset) after the server dropped the connection', async () => {
		const { server, url } = await closingServer();
		const agent = new Agent( { keepAlive: true, maxSockets: 1 } );
		try {
			expect( ( await request( url, { agent } ) ).status ).toBe( 200 );
			await expect( request( url, { agent } ) ).rejects.toThrow();
			for ( let i = 0; i < 3; i++ ) {
				const response = await request( url, {
					agent,
					retryReset: true,
				} );
				expect( response.status ).toBe( 200 );
			}
		} finally {
			agent.destroy();
			server.closeAllConnections();
			await new Promise( ( resolve ) => server.close( resolve ) );
		}
	} );

	it( 'sends the retry on a new connection, so a pool of several stale connections cannot fail it', async () => {
		const { server, url } = await closingServer();
		const agent = new Agent( { keepAlive: true, maxSockets: 2 } );
		try {
			// Two connections, both idle in the pool and both dropped by the server at their next request.
			const first = await Promise.all( [
				request( url, { agent } ),
				request( url, { agent } ),
			] );
			expect( first.map( ( response ) => response.status ) ).toEqual( [
				200, 200,
			] );
			const response = await request( url, { agent, retryReset: true } );
			expect( response.status ).toBe( 200 );
		} finally {
			agent.destroy();
			server.closeAllConnections();
			await new Promise( ( resolve ) => server.close( resolve ) );
		}
	} );
} );

describe( 'timeouts', () => {
	it( 'name the address without its query, which may carry a token', async () => {
		const server = createServer( () => {
			// Never answers.
		} );
		await new Promise< void >( ( resolve ) =>
			server.listen( 0, '127.0.0.1', resolve )
		);
		const port = ( server.address() as AddressInfo ).port;
		try {
			await expect(
				request( `http://127.0.0.1:${ port }/hook?token=s3cret`, {
					method: 'POST',
					body: '{}',
					timeoutMs: 200,
				} )
			).rejects.toThrow(
				new Error(
					`Timed out after 200 ms: POST http://127.0.0.1:${ port }/hook`
				)
			);
		} finally {
			server.closeAllConnections();
			await new Promise( ( resolve ) => server.close( resolve ) );
		}
	} );
} );
