import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type {
	ConnectionStatus,
	Proposal,
	DeliveryAttempt,
	DeliveryStatus,
} from '../../src/api/types';
import { ApprovalGrants } from '../../src/approval/approval-grants';
import { ConnectionPanel } from '../../src/panels/connection-panel';
import {
	attemptEventLabel,
	deliveryState,
	deliveryStatusLabel,
	durationLabel,
	eventLabel,
	httpStatusLabel,
	orderEditUrl,
} from '../../src/panels/delivery-words';
import { connection, flashnode } from './connection-fixture';
import { fakeApi, restError } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const attempt = (
	overrides: Partial< DeliveryAttempt >
): DeliveryAttempt => ( {
	at: '2026-12-06T10:00:00Z',
	cursor: 41,
	order_id: 101,
	event: 'created',
	topic: 'order.created',
	attempt: 1,
	http_status: 200,
	duration_ms: 120,
	error: '',
	...overrides,
} );

const delivered: DeliveryStatus = {
	connection_id: flashnode.id,
	service_name: 'Flashnode',
	format: 'woocommerce',
	delivery_urls: [ 'https://connect.flashnode.example/hooks' ],
	cursor: 41,
	undelivered: 0,
	oldest_undelivered_at: null,
	failures: 0,
	next_attempt_at: null,
	failing_since: null,
	failing: false,
	late: false,
	log: [],
};

const retrying: DeliveryStatus = {
	...delivered,
	cursor: 40,
	undelivered: 2,
	oldest_undelivered_at: '2026-12-06T09:59:00Z',
	failures: 1,
	next_attempt_at: '2026-12-06T10:01:00Z',
	failing_since: '2026-12-06T10:00:00Z',
	log: [
		attempt( { http_status: 500, error: 'HTTP 500', duration_ms: 2500 } ),
	],
};

describe( 'delivery words', () => {
	it( 'tells the four states apart, failing before retrying before waiting', () => {
		expect( deliveryState( delivered ) ).toBe( 'delivered' );
		expect( deliveryState( { ...delivered, undelivered: 3 } ) ).toBe(
			'waiting'
		);
		expect( deliveryState( retrying ) ).toBe( 'retrying' );
		expect( deliveryState( { ...retrying, failing: true } ) ).toBe(
			'failing'
		);
		expect( deliveryStatusLabel( delivered ) ).toBe( 'All delivered.' );
		expect(
			deliveryStatusLabel( {
				...delivered,
				undelivered: 3,
				oldest_undelivered_at: '2026-12-06T09:59:00Z',
			} )
		).toMatch( /^3 changes waiting since .+\.$/ );
		expect( deliveryStatusLabel( retrying ) ).toMatch(
			/^Retrying: attempt 1 failed, next attempt at .+\.$/
		);
		expect(
			deliveryStatusLabel( { ...retrying, next_attempt_at: null } )
		).toBe( 'Retrying: attempt 1 failed, the next one is queued now.' );
		expect(
			deliveryStatusLabel( { ...retrying, failures: 20, failing: true } )
		).toMatch(
			/^Failing for more than 7 days \(since .+\) — still retried: 20 attempts failed, next attempt at .+\.$/
		);
	} );

	it( 'words the log cells', () => {
		expect( eventLabel( 'resent' ) ).toBe( 'sent again' );
		expect( eventLabel( 'something_new' ) ).toBe( 'something_new' );
		expect( attemptEventLabel( attempt( {} ) ) ).toBe( 'created' );
		expect( attemptEventLabel( attempt( { attempt: 3 } ) ) ).toBe(
			'created (attempt 3)'
		);
		expect( httpStatusLabel( attempt( { http_status: 0 } ) ) ).toBe(
			'no answer'
		);
		expect( httpStatusLabel( attempt( { http_status: 503 } ) ) ).toBe(
			'503'
		);
		expect( durationLabel( 87 ) ).toBe( '87 ms' );
		expect( durationLabel( 2500 ) ).toBe( '2.5 s' );
		expect(
			orderEditUrl(
				'https://shop.example/wp-admin/post.php?post=%d&action=edit',
				7
			)
		).toBe( 'https://shop.example/wp-admin/post.php?post=7&action=edit' );
	} );
} );

const withDeliveries: ConnectionStatus = {
	...connection,
	connections: [ { ...flashnode, delivery_format: 'woocommerce' } ],
};
const EDIT =
	'https://shop.example/wp-admin/admin.php?page=wc-orders&action=edit&id=%d';

describe( 'the card of a connection that receives deliveries', () => {
	it( 'shows format, address, status, the oldest change and the log; Retry now reloads it', async () => {
		let current = retrying;
		const calls = fakeApi( {
			'GET /connection': withDeliveries,
			'GET /deliveries': () => ( {
				deliveries: [ current ],
				order_edit_url: EDIT,
			} ),
			[ `POST /deliveries/${ flashnode.id }/retry` ]: () => {
				current = {
					...delivered,
					log: [ attempt( { attempt: 2 } ), ...retrying.log! ],
				};
				return { delivery: current };
			},
		} );
		renderWithStore( <ConnectionPanel /> );
		const section = await screen.findByTestId( 'deliveries' );
		expect( section ).toHaveAttribute( 'data-state', 'retrying' );
		// Its order webhooks are paused on purpose, and the card says why rather than only "Paused".
		expect( screen.getByTestId( 'connection-webhook' ) ).toHaveTextContent(
			'paused: the plugin delivers these changes itself, with retries (Order deliveries below)'
		);
		const fact = ( id: string ) => within( section ).getByTestId( id );
		expect( fact( 'delivery-format' ) ).toHaveTextContent(
			"WooCommerce's webhook format"
		);
		expect( fact( 'delivery-address' ) ).toHaveTextContent(
			'https://connect.flashnode.example/hooks'
		);
		expect( fact( 'delivery-oldest' ) ).not.toHaveTextContent( 'none' );
		const row = within( section ).getByTestId( 'delivery-attempt' );
		expect( row ).toHaveTextContent( /#101created5002\.5 sHTTP 500$/ );
		expect( within( row ).getByRole( 'link' ) ).toHaveAttribute(
			'href',
			EDIT.replace( '%d', '101' )
		);

		await userEvent.click(
			within( section ).getByTestId( 'delivery-retry' )
		);
		await waitFor( () =>
			expect( screen.getByTestId( 'deliveries' ) ).toHaveAttribute(
				'data-state',
				'delivered'
			)
		);
		expect( fact( 'delivery-status' ) ).toHaveTextContent(
			'All delivered.'
		);
		expect( screen.getAllByTestId( 'delivery-attempt' ) ).toHaveLength( 2 );
		expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
			'Retrying now: the changes waiting for Flashnode are queued for delivery.'
		);
		expect( calls.filter( ( c ) => c.method === 'POST' ) ).toHaveLength(
			1
		);
	} );

	it( 'shows the newest 20 attempts, then all on request; a refused retry says why', async () => {
		const log = Array.from( { length: 45 }, ( _, i ) =>
			attempt( { cursor: 100 - i } )
		);
		fakeApi( {
			'GET /connection': withDeliveries,
			'GET /deliveries': {
				deliveries: [ { ...delivered, log } ],
				order_edit_url: EDIT,
			},
			[ `POST /deliveries/${ flashnode.id }/retry` ]: restError(
				'flashnode_no_deliveries',
				'The plugin delivers no order changes to such a connection.',
				404
			),
		} );
		renderWithStore( <ConnectionPanel /> );
		await screen.findByTestId( 'delivery-log' );
		expect( screen.getAllByTestId( 'delivery-attempt' ) ).toHaveLength(
			20
		);
		await userEvent.click( screen.getByTestId( 'delivery-log-toggle' ) );
		expect( screen.getAllByTestId( 'delivery-attempt' ) ).toHaveLength(
			45
		);
		await userEvent.click( screen.getByTestId( 'delivery-retry' ) );
		await waitFor( () =>
			expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
				'The plugin delivers no order changes to such a connection.'
			)
		);
	} );

	it( 'loads no deliveries while no connection receives any', async () => {
		const calls = fakeApi( { 'GET /connection': connection } );
		renderWithStore( <ConnectionPanel /> );
		await screen.findAllByTestId( 'connection-service' );
		expect( screen.queryByTestId( 'deliveries' ) ).toBeNull();
		expect( calls.map( ( c ) => c.path ) ).toEqual( [ '/connection' ] );
	} );
} );

describe( 'the approval screen', () => {
	const offer: Proposal = {
		service_name: 'ERP',
		callback_host: 'erp.example',
		return_host: 'erp.example',
		webhook_host: 'hooks.erp.example',
		topics: [ 'order.created', 'order.updated', 'product.updated' ],
		delivery_format: 'flashnode',
		order_statuses: [ 'processing' ],
		permissions: 'read_write',
		scopes: [],
		never: '',
		replaces: null,
	};
	const grants = ( proposal: Proposal ) =>
		render(
			<ApprovalGrants
				offer={ proposal }
				statusOptions={ [] }
				statuses={ [] }
				onStatuses={ () => undefined }
				scopes={ [] }
				onScopes={ () => undefined }
				busy={ false }
			/>
		);

	it( 'says the plugin delivers the order changes in the format asked for, and leaves other topics to webhooks', () => {
		grants( offer );
		expect( screen.getByTestId( 'approval-delivery' ) ).toHaveTextContent(
			"this plugin delivers them to hooks.erp.example in the change feed's format (the change and the order), signed with a new secret, and retries each one until hooks.erp.example has received it"
		);
		expect( screen.getByTestId( 'approval-grants' ) ).toHaveTextContent(
			'webhooks for product.updated, delivered to hooks.erp.example'
		);
	} );

	it( 'without a delivery format (an older answer) names the webhooks as before', () => {
		grants( { ...offer, delivery_format: null } );
		expect( screen.queryByTestId( 'approval-delivery' ) ).toBeNull();
		expect( screen.getByTestId( 'approval-grants' ) ).toHaveTextContent(
			'webhooks for order.created, order.updated, product.updated, delivered to hooks.erp.example'
		);
	} );
} );
