import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { WebhookSummary, WebhookTopic } from '../../src/api/types';
import { WebhooksPanel } from '../../src/panels/webhooks-panel';
import { fakeApi, restError } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const hook = ( id: number, topic: string ): WebhookSummary => ( {
	id,
	name: 'Flashnode',
	topic,
	status: 'active',
	delivery_url: 'https://hooks.example.com/in',
	failure_count: 0,
	disabled_by_failures: false,
	last_delivery: null,
} );

/** What the server offers (php/Webhooks): the page keeps no topic list of its own. */
const topics: WebhookTopic[] = [
	{ id: 'order.created', label: 'Order created', recommended: true },
	{ id: 'order.updated', label: 'Order updated', recommended: true },
	{ id: 'order.deleted', label: 'Order deleted', recommended: false },
];

describe( 'WebhooksPanel', () => {
	it( 'offers the server’s topics, registers the recommended ones by default and shows the secret once', async () => {
		let listed: WebhookSummary[] = [];
		const calls = fakeApi( {
			'GET /webhooks': () => ( { webhooks: listed, topics } ),
			'POST /webhooks': {
				secret: 's3cret-value',
				created: [ 1, 2 ],
				kept: [],
				webhooks: [
					hook( 1, 'order.created' ),
					hook( 2, 'order.updated' ),
				],
			},
		} );
		renderWithStore( <WebhooksPanel /> );

		expect(
			await screen.findByLabelText( 'Order deleted' )
		).not.toBeChecked();
		expect( screen.getByLabelText( 'Order created' ) ).toBeChecked();
		listed = [ hook( 1, 'order.created' ), hook( 2, 'order.updated' ) ];
		await userEvent.type(
			screen.getByTestId( 'delivery-url' ),
			' https://hooks.example.com/in '
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Register webhooks' } )
		);

		expect( await screen.findByTestId( 'webhook-secret' ) ).toHaveValue(
			's3cret-value'
		);
		// The store loads the list again (the change made it stale).
		expect(
			await screen.findByTestId( 'webhook-order.updated' )
		).toHaveTextContent( 'Active' );
		const post = calls.find( ( c ) => c.method === 'POST' );
		expect( post?.data ).toMatchObject( {
			delivery_url: 'https://hooks.example.com/in',
			topics: [ 'order.created', 'order.updated' ],
		} );
	} );

	it( 'shows why a delivery address was refused', async () => {
		fakeApi( {
			'GET /webhooks': { webhooks: [], topics },
			'POST /webhooks': restError(
				'flashnode_invalid_url',
				'The address points to a private or local network.'
			),
		} );
		renderWithStore( <WebhooksPanel /> );

		await userEvent.type(
			screen.getByTestId( 'delivery-url' ),
			'https://10.0.0.5/hook'
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Register webhooks' } )
		);

		// The page's notice area (the a11y live region repeats the text elsewhere).
		await waitFor( () =>
			expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
				'The address points to a private or local network.'
			)
		);
		expect( screen.queryByTestId( 'webhook-secret' ) ).toBeNull();
	} );
} );
