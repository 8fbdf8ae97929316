/**
 * Raw HTTPS requests to the local shop for the hostile-input and security specs: any method, any header, any
 * bytes as the body (invalid JSON, invalid UTF-8), with the shop's CA really verified. Node's https module, not
 * Playwright's request client, which cannot send every malformed thing and whose Basic Auth WordPress ignored.
 * Browser sessions are made by tests/e2e/support/security.php (cookies + REST nonce of a real session token).
 */
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { join } from 'node:path';

import { request, type HttpResponse } from '../../src/puller/http';
import { readShop, wp } from './shop';

const shop = readShop();
const ca = readFileSync( shop.caFile, 'utf8' );
const supportScript = join( __dirname, 'support', 'security.php' );

export interface RawRequest {
	method: string;
	/** Path and query after the shop's URL, already percent-encoded, e.g. `/wp-json/flashnode/v1/keys?x=1`. */
	path: string;
	headers?: Record< string, string >;
	body?: string | Buffer;
}

export type RawResponse = HttpResponse;

/**
 * Sends one request to the shop, exactly as written, and resolves with whatever came back (a network error
 * rejects). With a keep-alive agent, a connection the server closed just as the request went out (ECONNRESET,
 * EPIPE: nothing was processed) is tried once more.
 *
 * @param req   The request.
 * @param agent Connection pool (keep-alive); a fresh connection per request when omitted.
 */
export function send( req: RawRequest, agent?: Agent ): Promise< RawResponse > {
	return request( shop.url + req.path, {
		method: req.method,
		headers: req.headers,
		body: req.body,
		ca,
		agent,
		timeoutMs: 60_000,
		retryReset: agent !== undefined,
	} );
}

/**
 * Runs `work` over `items` with at most `concurrency` in flight; results keep the items' order.
 *
 * @param items       Inputs.
 * @param concurrency Parallel workers.
 * @param work        What to do with one input.
 */
export async function pool< T, R >(
	items: T[],
	concurrency: number,
	work: ( item: T, index: number ) => Promise< R >
): Promise< R[] > {
	const results: R[] = new Array( items.length );
	let next = 0;
	const worker = async () => {
		while ( next < items.length ) {
			const index = next++;
			results[ index ] = await work( items[ index ], index );
		}
	};
	await Promise.all(
		Array.from( { length: Math.min( concurrency, items.length ) }, worker )
	);
	return results;
}

/**
 * The two URL forms of a REST route: pretty permalinks and `?rest_route=` (what Plain permalinks use).
 *
 * @param route Route with its namespace, e.g. `/flashnode/v1/keys`.
 * @param query Query string without `?`, already encoded.
 * @param plain Use the `?rest_route=` form.
 */
export function restPath( route: string, query = '', plain = false ): string {
	if ( plain ) {
		return `/?rest_route=${ encodeURIComponent( route ) }${
			query ? `&${ query }` : ''
		}`;
	}
	return `/wp-json${ route }${ query ? `?${ query }` : '' }`;
}

export interface Session {
	login: string;
	user_id: number;
	token: string;
	/** Value of a Cookie header. */
	cookie: string;
	/** Valid REST nonce of this session. */
	nonce: string;
	/** A REST nonce of this session from three days ago (expired). */
	stale_nonce: string;
}

/**
 * A fresh logged-in session for a user (created with `role` when missing).
 *
 * @param login User login.
 * @param role  Role for a new user.
 */
export function startSession( login: string, role = 'customer' ): Session {
	return {
		login,
		...( JSON.parse(
			wp( 'eval-file', supportScript, 'session', login, role )
		) as Omit< Session, 'login' > ),
	};
}

export function endSession( session: Session ): void {
	wp(
		'eval-file',
		supportScript,
		'end-session',
		session.login,
		session.token
	);
}

export function deleteUser( login: string ): void {
	wp( 'eval-file', supportScript, 'delete-user', login );
}

/** What a rejected request must not change (see support/security.php). */
export function dbSnapshot(): unknown {
	return JSON.parse( wp( 'eval-file', supportScript, 'snapshot' ) );
}

/**
 * Byte offsets of the shop's logs now, for `logLinesSince`.
 *
 * @param files Log files.
 */
export function logOffsets( files: string[] ): number[] {
	return files.map( ( file ) => {
		try {
			return readFileSync( file ).length;
		} catch {
			return 0;
		}
	} );
}

/**
 * Whole text written to each log since the offsets.
 *
 * @param files   Log files.
 * @param offsets From `logOffsets`.
 */
export function logTextSince( files: string[], offsets: number[] ): string[] {
	return files.map( ( file, index ) => {
		try {
			return readFileSync( file )
				.subarray( offsets[ index ] )
				.toString( 'utf8' );
		} catch {
			return '';
		}
	} );
}

/**
 * Removes the request-id claims (idempotency records) the tests' own successful requests left.
 *
 * @param action     e.g. 'create_key', 'register_webhooks', 'connect'.
 * @param requestIds The ids sent.
 */
export function forgetClaims( action: string, ...requestIds: string[] ): void {
	wp( 'eval-file', supportScript, 'forget-claim', action, ...requestIds );
}

/**
 * A JSON request of a browser session with its REST nonce (as @wordpress/api-fetch sends it).
 *
 * @param session Logged-in session.
 * @param method  HTTP method.
 * @param route   Route with namespace, e.g. `/flashnode/v1/keys`.
 * @param body    JSON body.
 * @param agent   Connection pool.
 */
export async function sessionJson(
	session: Session,
	method: string,
	route: string,
	body?: unknown,
	agent?: Agent
): Promise< { status: number; json: any; body: string } > {
	const response = await send(
		{
			method,
			path: restPath( route ),
			headers: {
				Cookie: session.cookie,
				'X-WP-Nonce': session.nonce,
				...( body === undefined
					? {}
					: { 'Content-Type': 'application/json' } ),
			},
			body: body === undefined ? undefined : JSON.stringify( body ),
		},
		agent
	);
	let json: any = null;
	try {
		json = JSON.parse( response.body );
	} catch {}
	return { status: response.status, json, body: response.body };
}

/** A request id as the page generates one per click. */
export function requestId(): string {
	return `e2e${ Date.now().toString( 36 ) }${ Math.random()
		.toString( 36 )
		.slice( 2, 10 ) }`;
}
