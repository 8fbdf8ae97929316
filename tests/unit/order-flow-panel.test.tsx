import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { OrderFlowNumbers, StuckOrder } from '../../src/api/types';
import { OrderFlowPanel } from '../../src/panels/order-flow-panel';
import { fakeApi, restError } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const stuck = ( id: number ): StuckOrder => ( {
	id,
	number: String( id ),
	status: 'processing',
	modified_gmt: '2026-01-01T10:00:00Z',
	edit_url: `https://shop.example/wp-admin/post.php?post=${ id }&action=edit`,
} );

const consumer = ( keyId: number, name: string, count: number ) => ( {
	key_id: keyId,
	consumer: name,
	last_read: '2026-01-01T12:00:00Z',
	last_ack: '2026-01-01T12:01:00Z',
	transfer_statuses: [ 'processing' ],
	stuck_orders: count,
} );

const flow = ( more: Partial< OrderFlowNumbers > = {} ): OrderFlowNumbers => ( {
	last_read: {
		key_id: 7,
		consumer: 'ERP sync',
		at_gmt: '2026-01-01T12:00:00Z',
		cursor: 120,
	},
	lag: 3,
	threshold_minutes: 15,
	transfer_statuses: [ 'processing', 'completed' ],
	unacknowledged_orders: 25,
	stuck_orders: Array.from( { length: 20 }, ( _, i ) => stuck( 100 + i ) ),
	consumers: [ consumer( 7, 'ERP sync', 25 ), consumer( 9, 'Shipping', 2 ) ],
	late_changes: 2,
	...more,
} );

describe( 'OrderFlowPanel', () => {
	it( 'shows the last read, the lag, ten stuck orders linked with "and N more", and each service', async () => {
		fakeApi( { 'GET /order-flow': flow() } );
		renderWithStore( <OrderFlowPanel /> );

		const lastRead = await screen.findByTestId( 'last-read' );
		expect( lastRead ).toHaveTextContent( 'by ERP sync (key #7)' );
		expect( screen.getByTestId( 'lag' ) ).toHaveTextContent(
			'3 changes not read yet'
		);
		const orders = screen.getByTestId( 'stuck-orders' );
		expect( orders ).toHaveTextContent(
			'25 orders in the transfer statuses (processing, completed) not acknowledged for more than 15 minutes'
		);
		const links = within( orders ).getAllByRole( 'link' );
		expect( links ).toHaveLength( 10 );
		expect( links[ 0 ] ).toHaveAttribute( 'href', stuck( 100 ).edit_url );
		expect( links[ 0 ] ).toHaveTextContent( 'Order #100 (processing' );
		expect( orders ).toHaveTextContent( 'and 15 more' );
		const services = screen.getByTestId( 'flow-consumers' );
		expect( within( services ).getAllByRole( 'listitem' ) ).toHaveLength(
			2
		);
		expect( services ).toHaveTextContent( 'Shipping (key #9): last read' );
		expect( screen.getByTestId( 'late-changes' ) ).toHaveTextContent(
			'2 order changes were saved more than a minute late in the last week; they were sent to services again.'
		);
	} );

	it( 'says when nothing was read yet, lists no service for a single one, and refreshes', async () => {
		let answer = flow( {
			last_read: null,
			lag: null,
			unacknowledged_orders: 0,
			stuck_orders: [],
			consumers: [ consumer( 7, 'ERP sync', 0 ) ],
			late_changes: 0,
		} );
		const calls = fakeApi( { 'GET /order-flow': () => answer } );
		renderWithStore( <OrderFlowPanel /> );

		expect( await screen.findByTestId( 'last-read' ) ).toHaveTextContent(
			'no service has read the feed yet'
		);
		expect( screen.getByTestId( 'lag' ) ).toHaveTextContent(
			'unknown until a service reads the feed'
		);
		expect(
			within( screen.getByTestId( 'stuck-orders' ) ).queryByRole( 'link' )
		).not.toBeInTheDocument();
		expect( screen.queryByTestId( 'flow-consumers' ) ).toBeNull();
		expect( screen.queryByTestId( 'late-changes' ) ).toBeNull();

		answer = flow( {
			lag: 0,
			unacknowledged_orders: 1,
			stuck_orders: [ stuck( 5 ) ],
		} );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Refresh' } )
		);
		expect( await screen.findByRole( 'link' ) ).toHaveTextContent(
			'Order #5'
		);
		expect( screen.getByTestId( 'lag' ) ).toHaveTextContent(
			'none: every change has been read'
		);
		expect( screen.getByTestId( 'stuck-orders' ) ).not.toHaveTextContent(
			/and \d+ more/
		);
		expect(
			calls.filter( ( c ) => c.path === '/order-flow' )
		).toHaveLength( 2 );
	} );

	it( 'shows the route’s error instead of spinning forever', async () => {
		fakeApi( {
			'GET /order-flow': restError(
				'flashnode_forbidden',
				'Only shop managers can use Flashnode Connector.',
				403
			),
		} );
		renderWithStore( <OrderFlowPanel /> );
		await waitFor( () =>
			expect( screen.getByRole( 'alert' ) ).toHaveTextContent(
				'Only shop managers'
			)
		);
	} );
} );
