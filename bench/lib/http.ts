/**
 * Timed HTTPS requests for the bench and the load test. Node's https module, not Playwright's request client
 * (WordPress ignored the latter's Basic Auth for application passwords), with the local shop's CA passed per
 * request, so certificates are really verified.
 */
import { Agent, request } from 'node:https';

export interface Timed {
	status: number;
	/** From sending the request to the response headers (time to first byte). */
	ttfbMs: number;
	/** From sending the request to the last byte of the body. */
	totalMs: number;
	body: string;
}

export interface TimedOptions {
	/** PEM of the certificate authority to trust (the shop's .shop/tls/ca.pem). */
	ca: string;
	/** Connection handling; every measured route of one comparison must use the same agent settings. */
	agent: Agent;
	headers?: Record< string, string >;
	timeoutMs?: number;
}

const elapsedMs = ( start: bigint ) =>
	Number( process.hrtime.bigint() - start ) / 1e6;

function once( url: string, options: TimedOptions ): Promise< Timed > {
	return new Promise( ( resolve, reject ) => {
		const timeoutMs = options.timeoutMs ?? 60_000;
		const start = process.hrtime.bigint();
		const req = request(
			url,
			{
				method: 'GET',
				agent: options.agent,
				ca: options.ca,
				headers: { Accept: '*/*', ...options.headers },
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
						ttfbMs,
						totalMs: elapsedMs( start ),
						body: Buffer.concat( chunks ).toString( 'utf8' ),
					} )
				);
			}
		);
		req.on( 'timeout', () =>
			req.destroy(
				new Error( `timed out after ${ timeoutMs } ms: ${ url }` )
			)
		);
		req.on( 'error', reject );
		req.end();
	} );
}

/**
 * One GET. A kept-alive connection that the server closed just as the request went out fails with ECONNRESET
 * before anything was processed; that one case is sent again, everything else is an error.
 *
 * @param url     Absolute https:// URL.
 * @param options CA, agent, headers.
 */
export async function timedGet(
	url: string,
	options: TimedOptions
): Promise< Timed > {
	try {
		return await once( url, options );
	} catch ( error ) {
		if ( ( error as NodeJS.ErrnoException ).code !== 'ECONNRESET' ) {
			throw error;
		}
		return once( url, options );
	}
}

export interface BurstRequest {
	url: string;
	headers?: Record< string, string >;
}

export interface BurstResult {
	/** From the first request sent to the last response received. */
	wallMs: number;
	requestsPerSecond: number;
	/** One per request, in order: the response, or the error that stopped it. */
	outcomes: Array< Timed | Error >;
}

/**
 * Sends all requests at once, each on its own connection (no keep-alive, no socket limit), and waits for all.
 *
 * @param requests The requests.
 * @param ca       PEM of the CA to trust.
 */
export async function burst(
	requests: BurstRequest[],
	ca: string
): Promise< BurstResult > {
	const agent = new Agent( { keepAlive: false, maxSockets: Infinity } );
	const start = process.hrtime.bigint();
	try {
		const outcomes = await Promise.all(
			requests.map( ( { url, headers } ) =>
				once( url, { ca, agent, headers } ).catch(
					( error: Error ) => error
				)
			)
		);
		const wallMs = elapsedMs( start );
		return {
			wallMs,
			requestsPerSecond: ( requests.length * 1000 ) / wallMs,
			outcomes,
		};
	} finally {
		agent.destroy();
	}
}
