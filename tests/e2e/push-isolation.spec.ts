/**
 * One slow receiver never delays another connection's deliveries (issue "Push that never gives up"). With two
 * services delivering, each connection's batch runs in a loopback request of its own (php/Delivery/Workers.php),
 * not one after the other in the queue runner. Against the real shop, with two reference receivers:
 * - a receiver that hangs holds only its own connection: the other service gets the same change while the hanging
 *   request is still open (one after the other, it would wait out the 10 s timeout first);
 * - where the host blocks those loopbacks, batches run in the queue runner again and still arrive, and a probe
 *   notices when loopbacks get through again;
 * - the worker's AJAX action refuses a request without its nonce (403) and a connection that delivers nothing (404).
 * The queue is driven through WP-CLI, as a shop's cron would run it; every shop command here is asynchronous, so
 * the receivers in this process keep answering while it runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Receiver } from '../../src/puller/receiver';
import { request } from '../../src/puller/http';
import { AdminSession } from '../../bench/lib/admin-session';
import {
	connectPushService,
	disconnectPushService,
	startPushReceiver,
	type PushConnection,
} from '../../bench/lib/push-shop';
import { expect, test } from './fixtures';
import {
	readShop,
	removeMuPlugin,
	shopDir,
	wp,
	wpAsync,
	writeMuPlugin,
} from './shop';
import { createSampleOrder, deleteOrders } from './support';

test.describe.configure( { mode: 'serial', timeout: 480_000 } );

/** The worker's AJAX action and its state option (php/Delivery/WorkerRequest.php, Workers.php). */
const ACTION = 'flashnode_connector_deliver';
const WORKERS_OPTION = 'flashnode_connector_workers';
/** A host that refuses the loopback (a firewall rule on admin-ajax.php), as a test mu-plugin. */
const BLOCKER = 'flashnode-test-block-workers';
/** The delivery timeout (Message::TIMEOUT). */
const TIMEOUT_MS = 10_000;

const shop = readShop();
const ca = readFileSync( shop.caFile, 'utf8' );
let session: AdminSession;
let receivers: Receiver[] = [];
let connections: PushConnection[] = [];
let orderId = 0;

interface WorkersState {
	waiting_since: number;
	arrived_at: number;
	probed_at: number;
}

const workersState = async (): Promise< WorkersState > =>
	JSON.parse(
		await wpAsync( 'option', 'get', WORKERS_OPTION, '--format=json' )
	) as WorkersState;

const setWorkersState = ( state: WorkersState ) =>
	wpAsync(
		'option',
		'update',
		WORKERS_OPTION,
		JSON.stringify( state ),
		'--format=json'
	);

/** Saves the order once: one change in the log, for every delivering connection. */
async function changeOrder(): Promise< void > {
	await wpAsync(
		'eval',
		`$o = wc_get_order( ${ orderId } ); $o->set_customer_note( 'isolation ' . microtime( true ) ); $o->save();`
	);
}

/** Runs every due Action Scheduler action once (the deliver actions among them). */
const runQueue = () => wpAsync( 'action-scheduler', 'run', '--force' );

/**
 * The first delivery of an event id a receiver got (answered or not).
 * @param receiver
 * @param eventId
 */
const firstOf = ( receiver: Receiver, eventId: number ) =>
	receiver.pushes.find( ( p ) => p.eventId === eventId );

/**
 * The newest event id a receiver answered 200.
 * @param receiver
 */
const newestAccepted = ( receiver: Receiver ) =>
	Math.max(
		0,
		...receiver.pushes
			.filter( ( p ) => p.answered === 200 )
			.map( ( p ) => p.eventId )
	);

/** The newest event id either receiver answered 200. */
const newest = () => Math.max( ...receivers.map( newestAccepted ) );

/** Worker requests Apache answered 200 so far (its access log). */
const workerRequests = () =>
	readFileSync( join( shopDir, 'logs/apache-access.log' ), 'utf8' )
		.split( '\n' )
		.filter(
			( line ) =>
				line.includes( `action=${ ACTION }&` ) && / 200 /.test( line )
		).length;

/**
 * Waits until each receiver answered 200 to an event after `after`, running the queue again while waiting. Up to
 * 150 s: a change the feed still holds back (a gap younger than its 60 s timeout) goes out at a later tick. On
 * failure, the plugin's own view and the log's newest rows are in the message.
 *
 * @param after Event id.
 */
async function bothAccepted( after: number ): Promise< number > {
	const done = () => receivers.map( ( r ) => newestAccepted( r ) > after );
	const deadline = Date.now() + 150_000;
	while ( done().includes( false ) && Date.now() < deadline ) {
		await runQueue();
		await sleep( 500 );
	}
	if ( done().includes( false ) ) {
		const view = await wpAsync(
			'flashnode',
			'deliveries',
			'list',
			'--format=json'
		);
		const tail = await wpAsync(
			'eval',
			'global $wpdb; echo wp_json_encode( $wpdb->get_results( "SELECT change_id, order_id, event, created_gmt FROM " . \\Flashnode\\Connector\\Feed\\ChangeLogSchema::table() . " ORDER BY change_id DESC LIMIT 8" ) );'
		);
		throw new Error(
			`not delivered after event ${ after }: receivers ${ JSON.stringify( done() ) }; workers ${ JSON.stringify( await workersState() ) }; deliveries ${ view }; log ${ tail }`
		);
	}
	return Math.min( ...receivers.map( newestAccepted ) );
}

test.beforeAll( async () => {
	orderId = createSampleOrder( 'processing' );
	session = await AdminSession.login( shop, ca );
	receivers = [ await startPushReceiver(), await startPushReceiver() ];
	connections = [
		await connectPushService(
			session,
			receivers[ 0 ],
			'Isolation QA slow',
			'127.0.0.1',
			'woocommerce'
		),
		await connectPushService(
			session,
			receivers[ 1 ],
			'Isolation QA healthy',
			'localhost',
			'flashnode'
		),
	];
	// Both caught up with what came before (the connections start at the log's head), and loopbacks trusted.
	await setWorkersState( { waiting_since: 0, arrived_at: 0, probed_at: 0 } );
	await changeOrder();
	await bothAccepted( 0 );
} );

test.afterAll( async () => {
	removeMuPlugin( BLOCKER );
	for ( const connection of connections ) {
		await disconnectPushService( session, connection );
	}
	await Promise.all( receivers.map( ( r ) => r.close() ) );
	deleteOrders( [ orderId ] );
	wp( 'option', 'delete', WORKERS_OPTION );
} );

test( "a hanging receiver holds only its own connection: the other's delivery arrives while it hangs", async () => {
	const [ slow, healthy ] = receivers;
	const before = newest();
	await slow.setFault( 'hang' );
	// The slow connection's batch is queued a second before the other's, so the queue runner claims it first: one
	// after the other, the healthy connection would wait out the hanging request's 10 s timeout.
	await wpAsync( 'flashnode', 'deliveries', 'retry', connections[ 0 ].id );
	await sleep( 1100 );
	await changeOrder();
	const run = runQueue();
	await expect
		.poll(
			() =>
				healthy.pushes.some(
					( p ) => p.eventId > before && p.answered === 200
				),
			{
				timeout: 30_000,
				intervals: [ 100 ],
			}
		)
		.toBe( true );
	const event = Math.max( ...healthy.pushes.map( ( p ) => p.eventId ) );
	await expect
		.poll( () => firstOf( slow, event ), { timeout: 30_000 } )
		.toBeDefined();
	const hung = firstOf( slow, event )!;
	const arrived = firstOf( healthy, event )!;
	// The slow one was sent first and never answered; the healthy one arrived long before its timeout.
	expect( hung.answered ).toBeNull();
	expect( arrived.at - hung.at ).toBeLessThan( TIMEOUT_MS / 2 );
	await run;

	// The slow connection's log has the timed-out attempt (written when its worker's batch ends); once its receiver
	// is back, "retry now" delivers it.
	const timedOut = async () => {
		const log = JSON.parse(
			await wpAsync(
				'flashnode',
				'deliveries',
				'log',
				connections[ 0 ].id,
				'--format=json'
			)
		) as Array< {
			cursor: number;
			http_status: number;
			duration_ms: number;
		} >;
		return log.find( ( a ) => a.cursor === event );
	};
	await expect.poll( timedOut, { timeout: 20_000 } ).toBeDefined();
	const attempt = ( await timedOut() )!;
	expect( attempt.http_status ).toBe( 0 );
	expect( attempt.duration_ms ).toBeGreaterThanOrEqual( TIMEOUT_MS - 500 );
	await slow.setFault( 'healthy' );
	await wpAsync( 'flashnode', 'deliveries', 'retry', connections[ 0 ].id );
	expect( await bothAccepted( before ) ).toBe( event );
	expect( ( await workersState() ).waiting_since ).toBe( 0 );
} );

test( 'where loopbacks are blocked, batches run in the queue runner and still arrive; a probe notices when they get through again', async () => {
	writeMuPlugin(
		BLOCKER,
		`add_action( 'wp_ajax_nopriv_${ ACTION }', static function () { status_header( 403 ); exit; }, 0 );`
	);
	const now = Math.floor( Date.now() / 1000 );
	// A hand-over ten minutes ago whose worker never arrived, and a probe just now: blocked, nothing to probe.
	const blocked = { waiting_since: now - 600, arrived_at: 0, probed_at: now };
	await setWorkersState( blocked );
	await changeOrder();
	await bothAccepted( newest() );
	expect( await workersState() ).toEqual( blocked );

	// An hour later the next batch probes: the probe is refused too, and the deliveries still arrive.
	await setWorkersState( { ...blocked, probed_at: now - 3600 } );
	await changeOrder();
	await bothAccepted( newest() );
	const probed = await workersState();
	expect( probed.probed_at ).toBeGreaterThanOrEqual( now );
	expect( probed.waiting_since ).toBe( blocked.waiting_since );

	// The host lets loopbacks through again: the next probe arrives, and later batches run in workers.
	removeMuPlugin( BLOCKER );
	await setWorkersState( { ...probed, probed_at: now - 3600 } );
	await changeOrder();
	await bothAccepted( newest() );
	await expect
		.poll( async () => ( await workersState() ).waiting_since, {
			timeout: 20_000,
		} )
		.toBe( 0 );
	expect( ( await workersState() ).arrived_at ).toBeGreaterThanOrEqual( now );
	const workersBefore = workerRequests();
	await changeOrder();
	await bothAccepted( newest() );
	await expect
		.poll( () => workerRequests() - workersBefore, { timeout: 20_000 } )
		.toBeGreaterThanOrEqual( 2 );
} );

test( "the worker's AJAX action: 403 without its nonce, 404 for a connection that delivers nothing", async () => {
	const url = `${ shop.url }/wp-admin/admin-ajax.php?action=${ ACTION }`;
	const post = ( query: string, body: string ) =>
		request( `${ url }${ query }`, {
			ca,
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		} );
	const noNonce = await post( '', `connection=${ connections[ 1 ].id }` );
	expect( noNonce.status ).toBe( 403 );
	expect( noNonce.body ).toBe( '-1' );
	const forged = await post(
		'&nonce=0123456789',
		`connection=${ connections[ 1 ].id }`
	);
	expect( forged.status ).toBe( 403 );
	// A nonce as the queue runner makes it (logged out, WP-CLI), for connections that deliver nothing.
	const nonce = (
		await wpAsync( 'eval', `echo wp_create_nonce( '${ ACTION }' );` )
	).trim();
	for ( const body of [
		'connection=no-such-service',
		'',
		'connection[]=x',
	] ) {
		const answer = await post( `&nonce=${ nonce }`, body );
		expect( answer.status, body ).toBe( 404 );
		expect( JSON.parse( answer.body ) ).toMatchObject( {
			success: false,
			data: { code: 'flashnode_no_deliveries' },
		} );
	}
} );
