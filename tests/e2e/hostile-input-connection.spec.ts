/**
 * Hostile input, connection family (`/flashnode/v1/connection` and `/connection/own-user`, as the server's REST
 * index lists them): every
 * method × broken authentication, methods the route lacks, and every argument of the hand-off broken, above all
 * callback URLs that must never be called (private networks, cloud metadata, file://, gopher://, plain http://,
 * credentials). All refused (4xx), no 5xx, no PHP notice, no change in the database. A callback that redirects
 * is tested apart: the hand-off must not follow it and must leave no key behind.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import { expect, test } from './fixtures';
import { LINK_SCOPES_BAD } from './hostile/approval-values';
import { REQUEST_ID_BAD, bad } from './hostile/bad-values';
import { adminRequest } from './hostile/auth';
import { NS, TARGET_URL, shop, hostileSetUp } from './hostile/context';
import { LOGS, problemLines, type Case } from './hostile/guards';
import { expectFamilyRefused } from './hostile/matrix';
import { BAD_URLS } from './hostile/payloads';
import {
	dbSnapshot,
	forgetClaims,
	logOffsets,
	requestId,
	restPath,
	sessionJson,
} from './raw-http';

const h = hostileSetUp();

const validConnect = () => ( {
	request_id: requestId(),
	callback_url: `${ TARGET_URL }-connect`,
} );

/** "Give <service> its own user" for a connection that does not exist: 404 before anything is written. */
const validOwnUser = () => ( {
	request_id: requestId(),
	id: 'nope-example',
} );

/**
 * DELETE /connection (disconnect) of the shop manager while nothing is connected, with and without an id: 404
 * (an id too long for the route: 400), nothing happens.
 */
const DISCONNECT_QUERIES: Array< [ string, number ] > = [
	[ '', 404 ],
	[ 'id=nope', 404 ],
	[ 'id=127-0-0-1', 404 ],
	[ `id=${ encodeURIComponent( "' OR '1'='1" ) }`, 404 ],
	[ `id=${ 'a'.repeat( 201 ) }`, 400 ],
	[ 'id[]=nope', 400 ],
];
const disconnectNothing = (): Case[] =>
	DISCONNECT_QUERIES.flatMap( ( [ query, status ] ) =>
		[ false, true ].map( ( plain ) => ( {
			name: `admin: DELETE ${ NS }/connection${
				query ? `?${ query.slice( 0, 40 ) }` : ''
			} while not connected${ plain ? ' (?rest_route=)' : '' }`,
			req: adminRequest(
				h,
				'DELETE',
				restPath( `${ NS }/connection`, query, plain )
			),
			expect: [ status ],
		} ) )
	);

test( 'connection: malformed requests on every method of the route are refused, no 5xx, no PHP notice, no change in the database', async () => {
	await expectFamilyRefused( h, 'connection', {
		bodies: {
			[ `${ NS }/connection` ]: validConnect,
			[ `${ NS }/connection/own-user` ]: validOwnUser,
		},
		fuzz: [
			{
				route: () => `${ NS }/connection`,
				valid: validConnect,
				partner: [ 'scopes', 'orders:read,nope' ],
				// The key's owner and permissions are no longer arguments: the service's own user holds the
				// scopes (the same checks as the approval link's, hostile-input-approval.spec.ts).
				fields: {
					callback_url: bad( BAD_URLS ),
					request_id: REQUEST_ID_BAD.slice( 0, 8 ),
					scopes: LINK_SCOPES_BAD,
				},
			},
			{
				route: () => `${ NS }/connection/own-user`,
				valid: validOwnUser,
				partner: [ 'id', '' ],
				fields: {
					request_id: REQUEST_ID_BAD.slice( 0, 8 ),
					id: bad( [
						'',
						'a'.repeat( 201 ),
						[],
						{},
						[ 'nope-example' ],
						"' OR '1'='1",
						'../../etc/passwd',
					] ),
				},
			},
		],
		extra: disconnectNothing(),
	} );
} );

test( 'a callback URL that redirects: the hand-off does not follow it and leaves no key behind', async () => {
	// Two HTTPS receivers on loopback with the shop's own certificate (trusted by WordPress in the test stack):
	// the first answers every request with a redirect to the second, which must never be reached, since the
	// body carries the consumer secret.
	const tls = {
		cert: readFileSync( shop.caFile.replace( /ca\.pem$/, 'server.pem' ) ),
		key: readFileSync(
			shop.caFile.replace( /ca\.pem$/, 'server-key.pem' )
		),
	};
	const reachedTarget: string[] = [];
	const target = createServer( tls, ( req, res ) => {
		let body = '';
		req.on( 'data', ( chunk ) => ( body += chunk ) );
		req.on( 'end', () => {
			reachedTarget.push( body );
			res.writeHead( 200, { 'Content-Type': 'application/json' } ).end(
				'{}'
			);
		} );
	} );
	const redirector = createServer( tls, ( req, res ) => {
		req.resume();
		req.on( 'end', () => {
			const location = req.url?.includes( 'metadata' )
				? 'https://169.254.169.254/latest/meta-data/'
				: `https://127.0.0.1:${ ( target.address() as AddressInfo ).port }/stolen`;
			res.writeHead( req.url?.includes( '307' ) ? 307 : 302, {
				Location: location,
			} ).end();
		} );
	} );
	const listen = ( server: Server ) =>
		new Promise< number >( ( resolve ) =>
			server.listen( 0, '127.0.0.1', () =>
				resolve( ( server.address() as AddressInfo ).port )
			)
		);
	await listen( target );
	const port = await listen( redirector );
	const requestIds: string[] = [];
	try {
		const before = dbSnapshot() as { api_keys: unknown; webhooks: unknown };
		const offsets = logOffsets( LOGS );
		for ( const path of [
			'/callback-302',
			'/callback-307',
			'/metadata',
		] ) {
			const id = requestId();
			requestIds.push( id );
			const response = await sessionJson(
				h.admin,
				'POST',
				`${ NS }/connection`,
				{
					request_id: id,
					callback_url: `https://127.0.0.1:${ port }${ path }`,
				},
				h.agent
			);
			expect( response.status, response.body ).toBe( 424 );
			expect( response.json.code ).toBe( 'flashnode_handoff_failed' );
		}
		expect( reachedTarget, 'requests that followed the redirect' ).toEqual(
			[]
		);
		const after = dbSnapshot() as { api_keys: unknown; webhooks: unknown };
		// The failed hand-offs claimed their request ids (by design: a retry of the same click gets a 409); the
		// keys they created for the hand-off were deleted again.
		expect( after.api_keys ).toEqual( before.api_keys );
		expect( after.webhooks ).toEqual( before.webhooks );
		expect( problemLines( offsets ) ).toEqual( [] );
	} finally {
		forgetClaims( 'connect', ...requestIds );
		redirector.close();
		target.close();
	}
} );
