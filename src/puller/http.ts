/**
 * Minimal HTTPS GET with Basic Auth for the reference puller. node:https rather than fetch, so a custom CA
 * (a local test shop's) can be passed per request without touching the process's trust store.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Credentials {
	key: string;
	secret: string;
}

export interface HttpResponse {
	status: number;
	headers: Record< string, string | string[] | undefined >;
	body: string;
}

export interface HttpOptions {
	credentials?: Credentials;
	/** PEM of an extra certificate authority to trust. */
	ca?: string;
	/** Extra request headers. */
	headers?: Record< string, string >;
	timeoutMs?: number;
}

export function get(
	url: string,
	options: HttpOptions = {}
): Promise< HttpResponse > {
	const target = new URL( url );
	const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
	const headers: Record< string, string > = {
		Accept: 'application/json',
		...options.headers,
	};
	if ( options.credentials ) {
		const { key, secret } = options.credentials;
		headers.Authorization =
			'Basic ' +
			Buffer.from( `${ key }:${ secret }` ).toString( 'base64' );
	}
	return new Promise( ( resolve, reject ) => {
		const req = send(
			target,
			{
				method: 'GET',
				headers,
				ca: options.ca,
				// A connection of its own for every request. Node ≥ 19 keeps connections alive in its global
				// agent; when the server (Apache: KeepAliveTimeout 5 s) closes an idle one just as the next
				// request goes out on it, that request fails with "socket hang up" although the server never
				// saw it. Slow machines hit that window; a puller that polls every few minutes gains nothing
				// from reuse.
				agent: false,
				timeout: options.timeoutMs ?? 30_000,
			},
			( res ) => {
				const chunks: Buffer[] = [];
				res.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
				res.on( 'end', () =>
					resolve( {
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat( chunks ).toString( 'utf8' ),
					} )
				);
			}
		);
		req.on( 'timeout', () =>
			req.destroy(
				new Error(
					`Timed out after ${ options.timeoutMs ?? 30_000 } ms: ${ url }`
				)
			)
		);
		req.on( 'error', reject );
		req.end();
	} );
}

export function header(
	response: HttpResponse,
	name: string
): string | undefined {
	const value = response.headers[ name.toLowerCase() ];
	return Array.isArray( value ) ? value[ 0 ] : value;
}
