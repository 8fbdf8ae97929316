/**
 * The project's one Node HTTP(S) client: the reference puller's requests (Basic Auth, the shop's CA), the browser
 * tests' raw requests (any method, header and bytes; tests/e2e/raw-http.ts) and the bench's timed ones
 * (bench/lib/http.ts). node:https rather than fetch, so a custom CA (a local test shop's) can be passed per
 * request without touching the process's trust store, and malformed requests go out exactly as written.
 */
import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';

export interface Credentials {
	key: string;
	secret: string;
}

export interface HttpResponse {
	status: number;
	headers: Record< string, string | string[] | undefined >;
	body: string;
	/** From sending the request to the response headers (time to first byte). */
	ttfbMs: number;
	/** From sending the request to the last byte of the body. */
	totalMs: number;
}

export interface HttpOptions {
	/** GET unless given; any string goes out as it is (made-up methods too). */
	method?: string;
	/** Sent as it is, with its Content-Length (invalid JSON, invalid UTF-8: whatever the caller wrote). */
	body?: string | Buffer;
	credentials?: Credentials;
	/** PEM of an extra certificate authority to trust. */
	ca?: string;
	/** Extra request headers (they win over the defaults, Accept: application/json included). */
	headers?: Record< string, string >;
	timeoutMs?: number;
	/**
	 * Connection pool. Without one, a connection of its own for every request (`agent: false`): Node ≥ 19 keeps
	 * connections alive in its global agent, and when the server (Apache: KeepAliveTimeout 5 s) closes an idle
	 * one just as the next request goes out on it, that request fails with "socket hang up" although the server
	 * never saw it. Slow machines hit that window; a puller that polls every few minutes gains nothing from reuse.
	 */
	agent?: HttpAgent | HttpsAgent;
	/**
	 * Send once more, on a new connection, when a kept-alive connection was reset as the request went out
	 * (ECONNRESET, EPIPE): the server processed nothing then. Only for callers with a keep-alive agent.
	 */
	retryReset?: boolean;
}

const elapsedMs = ( start: bigint ) =>
	Number( process.hrtime.bigint() - start ) / 1e6;

/**
 * Path and query of an absolute URL exactly as written: `new URL()` would normalise them (dot segments, quotes,
 * brackets), and the hostile-input tests depend on sending what they wrote.
 *
 * @param url Absolute URL.
 */
function rawPath( url: string ): string {
	const path = url.replace( /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '' );
	return path.startsWith( '/' ) ? path : `/${ path }`;
}

function once( url: string, options: HttpOptions ): Promise< HttpResponse > {
	const target = new URL( url );
	const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
	const timeoutMs = options.timeoutMs ?? 30_000;
	const headers: Record< string, string | number > = {
		Accept: 'application/json',
		...options.headers,
	};
	if ( options.credentials ) {
		const { key, secret } = options.credentials;
		headers.Authorization =
			'Basic ' +
			Buffer.from( `${ key }:${ secret }` ).toString( 'base64' );
	}
	if ( options.body !== undefined ) {
		headers[ 'Content-Length' ] = Buffer.byteLength( options.body );
	}
	return new Promise( ( resolve, reject ) => {
		const start = process.hrtime.bigint();
		const req = send(
			{
				protocol: target.protocol,
				hostname: target.hostname.replace( /^\[|\]$/g, '' ),
				port: target.port || undefined,
				path: rawPath( url ),
				method: options.method ?? 'GET',
				headers,
				ca: options.ca,
				agent: options.agent ?? false,
				timeout: timeoutMs,
			},
			( res ) => {
				const ttfbMs = elapsedMs( start );
				const chunks: Buffer[] = [];
				res.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
				res.on( 'error', reject );
				res.on( 'end', () =>
					resolve( {
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat( chunks ).toString( 'utf8' ),
						ttfbMs,
						totalMs: elapsedMs( start ),
					} )
				);
			}
		);
		req.on( 'timeout', () =>
			req.destroy(
				// Without the query: a receiver's address may carry a token there, and messages end up in logs.
				new Error(
					`Timed out after ${ timeoutMs } ms: ${
						options.method ?? 'GET'
					} ${ target.origin }${ target.pathname }`
				)
			)
		);
		req.on( 'error', reject );
		req.end( options.body );
	} );
}

/**
 * Sends one request and resolves with whatever came back (any status); a network error rejects.
 *
 * @param url     Absolute http(s):// URL; its path and query are sent as written.
 * @param options Method, body, headers, credentials, CA, agent, timeout.
 */
export async function request(
	url: string,
	options: HttpOptions = {}
): Promise< HttpResponse > {
	try {
		return await once( url, options );
	} catch ( error ) {
		const code = ( error as NodeJS.ErrnoException ).code;
		if (
			! options.retryReset ||
			( code !== 'ECONNRESET' && code !== 'EPIPE' )
		) {
			throw error;
		}
		// On a connection of its own: the pool may hold more connections the server has closed meanwhile (a
		// process that blocked its event loop, e.g. on a WP-CLI run, has not yet seen their FIN).
		return once( url, { ...options, agent: undefined } );
	}
}

/**
 * One GET (the puller's only verb).
 *
 * @param url     Absolute http(s):// URL.
 * @param options Headers, credentials, CA, agent, timeout.
 */
export function get(
	url: string,
	options: Omit< HttpOptions, 'method' | 'body' > = {}
): Promise< HttpResponse > {
	return request( url, options );
}

export function header(
	response: HttpResponse,
	name: string
): string | undefined {
	const value = response.headers[ name.toLowerCase() ];
	return Array.isArray( value ) ? value[ 0 ] : value;
}
