/**
 * What the push fault run does in the shop: connects services with a delivery address through the approval route
 * (as the owner's Approve click: the admin's session and nonce), compresses the retry schedule for the run (the
 * test-only option of tests/stack/mu-plugins/flashnode-test-fast-retries.php), drives the delivery queue with
 * WooCommerce's own Action Scheduler runner (`wp action-scheduler run --group=flashnode-connector`, several loops
 * at once, as a host's cron would), and disconnects again (what the feed lists for a connection: push-feed.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Handoff } from '../../src/puller/contract';
import type { DeliveryFormat } from '../../src/puller/push-contract';
import { startReceiver, type Receiver } from '../../src/puller/receiver';
import { shopDir, wp, wpAsync } from '../../tests/e2e/shop';
import type { AdminSession } from './admin-session';

/** The Action Scheduler group of the plugin's deliveries. */
export const DELIVERY_GROUP = 'flashnode-connector';
/** The test-only option: comma-separated retry delays in seconds. */
export const FAST_RETRIES_OPTION = 'flashnode_test_fast_retries';
export const ORDER_TOPICS = 'order.created,order.updated,order.deleted';

export interface PushConnection {
	id: string;
	name: string;
	format: DeliveryFormat;
	receiver: Receiver;
	/** The receiver's address under this connection's host (127.0.0.1 or localhost: two services). */
	baseUrl: string;
	handoff: Handoff;
}

let requestId = 0;

/** A service's reference receiver, over HTTPS with the shop's certificate (valid for 127.0.0.1 and localhost). */
export const startPushReceiver = (): Promise< Receiver > =>
	startReceiver( {
		cert: readFileSync( join( shopDir, 'tls/server.pem' ), 'utf8' ),
		key: readFileSync( join( shopDir, 'tls/server-key.pem' ), 'utf8' ),
	} );

/**
 * Approves a link with a delivery address and the order topics; resolves with the connection.
 *
 * @param session  The admin's session.
 * @param receiver The service's receiver.
 * @param name     The service's name.
 * @param host     127.0.0.1 or localhost (one connection per callback host).
 * @param format   delivery_format.
 */
export async function connectPushService(
	session: AdminSession,
	receiver: Receiver,
	name: string,
	host: string,
	format: DeliveryFormat
): Promise< PushConnection > {
	const baseUrl = receiver.url.replace( '127.0.0.1', host );
	const before = receiver.handoffs.length;
	await session.rest( 'POST', '/wp-json/flashnode/v1/connection/approve', {
		request_id: `push-${ process.pid }-${ Date.now() }-${ ++requestId }`,
		service_name: name,
		callback_url: `${ baseUrl }/handoff/push`,
		return_url: `${ baseUrl }/back`,
		webhook_url: `${ baseUrl }/hooks`,
		topics: ORDER_TOPICS,
		delivery_format: format,
	} );
	const handoff = receiver.handoffs[ before ];
	if ( ! handoff?.webhook_secret ) {
		throw new Error( `${ name }: no hand-off with a webhook secret` );
	}
	const { connections } = await session.rest(
		'GET',
		'/wp-json/flashnode/v1/connection'
	);
	const record = (
		connections as Array< { id: string; service_name?: string } >
	 ).find( ( each ) => each.service_name === name );
	if ( ! record ) {
		throw new Error( `${ name }: no connection record after approval` );
	}
	return { id: record.id, name, format, receiver, baseUrl, handoff };
}

/**
 * Disconnect, as the card's button does it.
 *
 * @param session    The admin's session.
 * @param connection The connection.
 */
export async function disconnectPushService(
	session: AdminSession,
	connection: PushConnection
): Promise< void > {
	await session.rest(
		'DELETE',
		`/wp-json/flashnode/v1/connection?id=${ encodeURIComponent( connection.id ) }`
	);
}

/**
 * Test-only: the compressed retry schedule on (a list of seconds) or off (null).
 *
 * @param delays Seconds, e.g. [1, 2, 3]; null: the real schedule.
 */
export function setFastRetries( delays: number[] | null ): void {
	const args = delays
		? [ 'update', FAST_RETRIES_OPTION, delays.join( ',' ) ]
		: [ 'delete', FAST_RETRIES_OPTION ];
	wp( 'option', ...args );
}

export interface QueueRunners {
	/** Runner passes made, and those that failed (WP-CLI's error kept, up to 10). */
	passes: number;
	errors: string[];
	stop: () => Promise< void >;
}

/**
 * Loops of `wp action-scheduler run --group=flashnode-connector --force`, each starting again as soon as the last
 * ended (a short pause when it ran nothing), until stopped. Each pass runs the actions it claimed one after the
 * other; while several connections deliver, each deliver action only starts its connection's batch in a request
 * of its own (php/Delivery/Workers.php), so a hanging receiver holds only its own batch.
 *
 * @param loops How many at once.
 * @param group Action Scheduler group (WooCommerce's own webhooks: woocommerce-webhooks).
 */
export function runDeliveryQueue(
	loops: number,
	group = DELIVERY_GROUP
): QueueRunners {
	let running = true;
	const runners: QueueRunners = {
		passes: 0,
		errors: [],
		stop: async () => {
			running = false;
			await all;
		},
	};
	const loop = async () => {
		while ( running ) {
			runners.passes++;
			try {
				const out = await wpAsync(
					'action-scheduler',
					'run',
					`--group=${ group }`,
					'--force'
				);
				if ( / 0 scheduled (tasks|actions)/i.test( out ) ) {
					await sleep( 300 );
				}
			} catch ( error ) {
				// Action Scheduler knows a group once an action was scheduled in it (a reinstalled plugin: none yet).
				if (
					/group .* does not exist/.test( ( error as Error ).message )
				) {
					await sleep( 500 );
					continue;
				}
				if ( runners.errors.length < 10 ) {
					runners.errors.push(
						( error as Error ).message.slice( 0, 300 )
					);
				}
				await sleep( 1000 );
			}
		}
	};
	const all = Promise.all( Array.from( { length: loops }, loop ) );
	return runners;
}

/**
 * "Retry now" for a connection (`wp flashnode deliveries retry <id>`): a batch is queued at once instead of at the
 * next 60 s tick, so a fault switched on meets deliveries. False when the command failed.
 *
 * @param connection The connection.
 */
export async function retryNow(
	connection: PushConnection
): Promise< boolean > {
	try {
		await wpAsync( 'flashnode', 'deliveries', 'retry', connection.id );
		return true;
	} catch {
		return false;
	}
}

/**
 * The plugin's own view (`wp flashnode deliveries list --format=json`), for the report; the WP-CLI error's first
 * line when the command fails.
 */
export async function deliveriesList(): Promise< string > {
	try {
		return await wpAsync(
			'flashnode',
			'deliveries',
			'list',
			'--format=json'
		);
	} catch ( error ) {
		return ( error as Error ).message.split( '\n' )[ 0 ];
	}
}
