import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ApprovalScreen } from '../../src/approval/approval-screen';
import { approvalLink } from '../../src/approval/link';
import { fakeApi, restError } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const search =
	'?page=wc-settings&tab=flashnode&connect=1&service_name=Flashnode&callback_url=https%3A%2F%2Fsvc.example%2Fh&return_url=https%3A%2F%2Fsvc.example%2Fback&webhook_url=https%3A%2F%2Fsvc.example%2Fhooks&topics=order.created&order_statuses=processing&evil=1';
const query =
	'?service_name=Flashnode&callback_url=https%3A%2F%2Fsvc.example%2Fh&return_url=https%3A%2F%2Fsvc.example%2Fback&webhook_url=https%3A%2F%2Fsvc.example%2Fhooks&topics=order.created&order_statuses=processing';
const proposal = {
	proposal: {
		service_name: 'Flashnode',
		callback_host: 'svc.example',
		return_host: 'svc.example',
		webhook_host: 'svc.example',
		topics: [ 'order.created' ],
		delivery_format: 'woocommerce',
		order_statuses: [ 'processing' ],
		permissions: 'read_write',
		scopes: [
			{
				id: 'orders:read',
				label: 'Read orders',
				allows: 'See orders with their customers.',
				optional: false,
			},
			{
				id: 'orders:write',
				label: 'Update orders',
				allows: 'Mark orders as transferred.',
				optional: true,
			},
			{
				id: 'products:read',
				label: 'Read products',
				allows: 'See products, prices and stock.',
				optional: true,
			},
		],
		never: 'It cannot see or change your payment methods.',
		replaces: null,
	},
};
const settings = {
	settings: {
		api_mode: 'legacy',
		order_statuses: [ 'processing' ],
		keep_connection_on_uninstall: false,
	},
	order_statuses: [
		{ id: 'processing', label: 'Processing' },
		{ id: 'completed', label: 'Completed' },
	],
};

test( 'reads only the known link parameters, and only with connect=1', () => {
	expect( approvalLink( '?page=wc-settings&tab=flashnode' ) ).toBeNull();
	expect( Object.keys( approvalLink( search ) ?? {} ) ).toEqual( [
		'service_name',
		'callback_url',
		'return_url',
		'webhook_url',
		'topics',
		'order_statuses',
	] );
	expect(
		approvalLink( search + '&scopes=orders%3Aread%2Cproducts%3Aread' )
	).toMatchObject( { scopes: 'orders:read,products:read' } );
} );

test( 'names what is granted; Approve sends the chosen statuses and goes back', async () => {
	const calls = fakeApi( {
		[ `GET /connection/proposal${ query }` ]: proposal,
		'GET /settings': settings,
		'POST /connection/approve': {
			redirect: 'https://svc.example/back?success=1',
		},
	} );
	const navigate = jest.fn();
	renderWithStore(
		<ApprovalScreen
			link={ approvalLink( search ) ?? {} }
			navigate={ navigate }
		/>
	);
	const grants = await screen.findByTestId( 'approval-grants' );
	expect( grants ).toHaveTextContent(
		'a REST API key of a WordPress user of its own ("Flashnode", who cannot log in), not yours'
	);
	expect( grants ).not.toHaveTextContent( 'acts as you' );
	expect( screen.getByTestId( 'approval-delivery' ) ).toHaveTextContent(
		"its order changes: this plugin delivers them to svc.example in WooCommerce's webhook format, signed with a new secret, and retries each one until svc.example has received it (nothing is dropped);"
	);
	// The order topics are the plugin's deliveries now, not WooCommerce's webhooks.
	expect( grants ).not.toHaveTextContent( 'webhooks for' );
	expect( screen.getByLabelText( 'Processing' ) ).toBeChecked();
	await userEvent.click( screen.getByLabelText( 'Completed' ) );
	await userEvent.click( screen.getByRole( 'button', { name: 'Approve' } ) );
	await waitFor( () =>
		expect( navigate ).toHaveBeenCalledWith(
			'https://svc.example/back?success=1'
		)
	);
	const approve = calls.find( ( c ) => c.path === '/connection/approve' );
	expect( approve?.data ).toMatchObject( {
		service_name: 'Flashnode',
		order_statuses: 'processing,completed',
		scopes: 'orders:read,orders:write,products:read',
	} );
	expect( approve?.data?.request_id ).toMatch( /^[0-9a-f]{32}$/ );
} );

test( 'a refused hand-off shows the reason and offers a retry; nothing navigates', async () => {
	fakeApi( {
		[ `GET /connection/proposal${ query }` ]: proposal,
		'GET /settings': settings,
		'GET /keys': {},
		'GET /connection': {},
		'GET /webhooks': {},
		'POST /connection/approve': restError(
			'flashnode_handoff_failed',
			'svc.example did not accept the connection (HTTP 500).'
		),
	} );
	const navigate = jest.fn();
	renderWithStore(
		<ApprovalScreen
			link={ approvalLink( search ) ?? {} }
			navigate={ navigate }
		/>
	);
	await userEvent.click(
		await screen.findByRole( 'button', { name: 'Approve' } )
	);
	await waitFor( () =>
		expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
			'HTTP 500'
		)
	);
	expect( screen.getByRole( 'button', { name: 'Try again' } ) ).toBeEnabled();
	expect( navigate ).not.toHaveBeenCalled();
} );

test( 'a bad link shows why and offers no Approve', async () => {
	fakeApi( {
		[ `GET /connection/proposal${ query }` ]: restError(
			'flashnode_invalid_url',
			'callback_url: Only https:// addresses are accepted.'
		),
		'GET /settings': settings,
	} );
	renderWithStore( <ApprovalScreen link={ approvalLink( search ) ?? {} } /> );
	expect( await screen.findByTestId( 'approval-screen' ) ).toHaveTextContent(
		'This connection link cannot be used, so nothing was set up: callback_url: Only https://'
	);
	expect( screen.queryByRole( 'button', { name: 'Approve' } ) ).toBeNull();
} );

test( 'lists each right with what it allows; orders:read stays ticked, the unticked ones are not sent', async () => {
	const calls = fakeApi( {
		[ `GET /connection/proposal${ query }` ]: proposal,
		'GET /settings': settings,
		'POST /connection/approve': {
			redirect: 'https://svc.example/back?success=1',
		},
	} );
	renderWithStore(
		<ApprovalScreen
			link={ approvalLink( search ) ?? {} }
			navigate={ jest.fn() }
		/>
	);
	const scopes = await screen.findByTestId( 'approval-scopes' );
	expect( scopes ).toHaveTextContent( 'Read ordersSee orders with their' );
	expect( scopes ).toHaveTextContent(
		'Read productsSee products, prices and stock.'
	);
	expect( screen.getByTestId( 'approval-never' ) ).toHaveTextContent(
		'It cannot see or change your payment methods.'
	);
	const ordersRead = screen.getByLabelText( 'Read orders' );
	expect( ordersRead ).toBeChecked();
	expect( ordersRead ).toBeDisabled();
	expect( screen.getByLabelText( 'Update orders' ) ).toBeEnabled();
	// Nothing replaced: no notice.
	expect( screen.queryByTestId( 'approval-replaces' ) ).toBeNull();

	await userEvent.click( screen.getByLabelText( 'Read products' ) );
	expect( screen.getByLabelText( 'Read products' ) ).not.toBeChecked();
	await userEvent.click( screen.getByRole( 'button', { name: 'Approve' } ) );
	await waitFor( () =>
		expect(
			calls.find( ( c ) => c.path === '/connection/approve' )?.data
		).toMatchObject( { scopes: 'orders:read,orders:write' } )
	);
} );

test( 'a service connected already: the notice says so before the buttons', async () => {
	fakeApi( {
		[ `GET /connection/proposal${ query }` ]: {
			proposal: {
				...proposal.proposal,
				replaces: {
					service_name: 'Flashnode',
					connected_at_utc: '2026-11-20T08:00:00Z',
				},
			},
		},
		'GET /settings': settings,
	} );
	renderWithStore( <ApprovalScreen link={ approvalLink( search ) ?? {} } /> );
	const notice = await screen.findByTestId( 'approval-replaces' );
	expect( notice ).toHaveTextContent(
		/^Flashnode is already connected since .+; approving again replaces its key and webhooks\.$/
	);
	const approve = screen.getByRole( 'button', { name: 'Approve' } );
	// The notice comes first in the document, i.e. the owner reads it before reaching the buttons.
	expect( notice.compareDocumentPosition( approve ) ).toBe(
		Node.DOCUMENT_POSITION_FOLLOWING
	);
} );
