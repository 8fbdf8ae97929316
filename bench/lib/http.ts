/**
 * Timed HTTPS requests for the bench and the load test, through the project's one client (src/puller/http.ts,
 * which measures time to first and last byte). What this adds: a required agent for the timed requests, so every
 * measured route of one comparison uses the same connection handling, and bursts of concurrent requests.
 */
import { Agent } from 'node:https';

import { request, type HttpResponse } from '../../src/puller/http';

export type Timed = HttpResponse;

export interface TimedOptions {
	/** PEM of the certificate authority to trust (the shop's tls/ca.pem). */
	ca: string;
	/** Connection handling; every measured route of one comparison must use the same agent settings. */
	agent: Agent;
	headers?: Record< string, string >;
	timeoutMs?: number;
}

/**
 * One GET. A kept-alive connection that the server closed just as the request went out is tried once more;
 * everything else is an error.
 *
 * @param url     Absolute https:// URL.
 * @param options CA, agent, headers.
 */
export function timedGet(
	url: string,
	options: TimedOptions
): Promise< Timed > {
	return request( url, {
		...options,
		headers: { Accept: '*/*', ...options.headers },
		timeoutMs: options.timeoutMs ?? 60_000,
		retryReset: true,
	} );
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
	const start = performance.now();
	try {
		const outcomes = await Promise.all(
			requests.map( ( { url, headers } ) =>
				request( url, {
					ca,
					agent,
					headers: { Accept: '*/*', ...headers },
					timeoutMs: 60_000,
				} ).catch( ( error: Error ) => error )
			)
		);
		const wallMs = performance.now() - start;
		return {
			wallMs,
			requestsPerSecond: ( requests.length * 1000 ) / wallMs,
			outcomes,
		};
	} finally {
		agent.destroy();
	}
}
