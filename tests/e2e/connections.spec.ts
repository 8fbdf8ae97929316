/**
 * Several services on one shop, each a connection of its own, checked with the keys and webhooks the services
 * received: approving a service again replaces its grants, Disconnect leaves nothing of it working, and two
 * services see only their own acknowledgements and stuck orders.
 */
import type { Handoff } from '../../src/puller/contract';
import type { Receiver } from '../../src/puller/receiver';
import { openContexts, type Contexts } from './api-contexts';
import {
	approve,
	callWith,
	connections,
	disconnect,
	startService,
} from './connect-service';
import { expect, test } from './fixtures';
import {
	createApiKey,
	createOrder,
	deleteApiKey,
	deleteOrders,
	type ApiKey,
} from './support';

test.describe.configure( { mode: 'serial' } );

let contexts: Contexts;
let receiver: Receiver;
let admin: ApiKey;
const orders: number[] = [];

const status = async ( key: Handoff, path: string ) =>
	( await callWith( key, 'GET', path ) ).status;

/**
 * The webhooks WooCommerce still has, by id (through an administrator's key).
 * @param id
 */
const webhookExists = async ( id: number ) =>
	( await callWith( admin, 'GET', `/wp-json/wc/v3/webhooks/${ id }` ) )
		.status === 200;

test.beforeAll( async () => {
	contexts = await openContexts();
	receiver = await startService();
	admin = createApiKey( 'read_write' );
	for ( const connection of await connections( contexts ) ) {
		await disconnect( contexts, connection.id );
	}
} );

test.afterAll( async () => {
	for ( const connection of await connections( contexts ) ) {
		await disconnect( contexts, connection.id );
	}
	deleteApiKey( admin );
	deleteOrders( orders );
	await receiver?.close();
	await contexts?.dispose();
} );

test( 'approving a service three times leaves one working key and one set of webhooks; Disconnect leaves none', async () => {
	const handoffs: Handoff[] = [];
	for ( let round = 0; round < 3; round++ ) {
		handoffs.push(
			await approve( contexts, receiver, {
				name: 'QA ERP',
				baseUrl: receiver.url,
				webhooks: true,
			} )
		);
		const current = handoffs[ round ];
		expect(
			await status( current, '/wp-json/wc/v3/orders?per_page=1' )
		).toBe( 200 );
		for ( const earlier of handoffs.slice( 0, round ) ) {
			// WooCommerce itself refuses the revoked key.
			expect(
				await status( earlier, '/wp-json/wc/v3/orders?per_page=1' )
			).toBe( 401 );
			for ( const id of earlier.webhook_ids ?? [] ) {
				expect( await webhookExists( id ) ).toBe( false );
			}
		}
		expect( current.webhook_ids ).toHaveLength( 2 );
	}
	expect( new Set( handoffs.map( ( h ) => h.user_id ) ).size ).toBe( 1 );
	const [ connection, ...others ] = await connections( contexts );
	expect( others ).toEqual( [] );
	expect( connection.key_ids ).toEqual( [ handoffs[ 2 ].key_id ] );

	await disconnect( contexts, connection.id );
	for ( const handoff of handoffs ) {
		expect(
			await status( handoff, '/wp-json/wc/v3/orders?per_page=1' )
		).toBe( 401 );
		expect(
			await status( handoff, '/wp-json/wc-flashnode/v1/changes?after=0' )
		).toBe( 401 );
		for ( const id of handoff.webhook_ids ?? [] ) {
			expect( await webhookExists( id ) ).toBe( false );
		}
	}
	expect( await connections( contexts ) ).toEqual( [] );
} );

test( 'two services at once: each its own user, acknowledgements and stuck orders; disconnecting one leaves the other working', async () => {
	const erp = await approve( contexts, receiver, {
		name: 'QA ERP',
		baseUrl: receiver.url,
	} );
	// The same reference service under another host name: another service for the shop.
	const invoicing = await approve( contexts, receiver, {
		name: 'QA Invoicing',
		baseUrl: receiver.url.replace( '127.0.0.1', 'localhost' ),
		scopes: 'orders:read,orders:write',
	} );
	expect( erp.user_id ).not.toBe( invoicing.user_id );
	const listed = await connections( contexts );
	expect( listed.map( ( c ) => c.service_name ).sort() ).toEqual( [
		'QA ERP',
		'QA Invoicing',
	] );

	// Two orders waiting longer than the stuck threshold (45 minutes without a polling interval).
	const hoursAgo = new Date( Date.now() - 2 * 3600 * 1000 );
	const first = createOrder( 'processing', hoursAgo );
	const second = createOrder( 'processing', hoursAgo );
	orders.push( first, second );
	for ( const key of [ erp, invoicing ] ) {
		expect(
			await status( key, '/wp-json/wc-flashnode/v1/changes?after=0' )
		).toBe( 200 );
	}
	const ack = async ( key: Handoff, order: number ) =>
		expect(
			(
				await callWith( key, 'POST', '/wp-json/wc-flashnode/v1/acks', {
					order_ids: [ order ],
				} )
			).status
		).toBe( 200 );
	const stuck = async () => {
		const flow = await (
			await contexts.admin.get( '/wp-json/flashnode/v1/order-flow', {
				headers: { 'X-WP-Nonce': contexts.nonce },
			} )
		).json();
		const of = ( key: Handoff ): number =>
			flow.consumers.find(
				( c: { key_id: number } ) => c.key_id === key.key_id
			).stuck_orders;
		return { erp: of( erp ), invoicing: of( invoicing ) };
	};
	await ack( erp, first );
	await ack( invoicing, second );
	const before = await stuck();
	// The ERP's acknowledgement of the second order is the ERP's alone.
	await ack( erp, second );
	expect( await stuck() ).toEqual( {
		erp: before.erp - 1,
		invoicing: before.invoicing,
	} );

	const erpConnection = listed.find( ( c ) => c.service_name === 'QA ERP' );
	await disconnect( contexts, String( erpConnection?.id ) );
	expect( await status( erp, '/wp-json/wc/v3/orders?per_page=1' ) ).toBe(
		401
	);
	expect(
		await status( invoicing, '/wp-json/wc/v3/orders?per_page=1' )
	).toBe( 200 );
	expect(
		await status( invoicing, '/wp-json/wc-flashnode/v1/changes?after=0' )
	).toBe( 200 );
	expect(
		( await connections( contexts ) ).map( ( c ) => c.service_name )
	).toEqual( [ 'QA Invoicing' ] );
} );
