import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { WebhookSummary } from '../../src/api/types';
import { WebhooksPanel } from '../../src/panels/webhooks-panel';
import { fakeApi, restError } from './fake-api';

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

describe( 'WebhooksPanel', () => {
	it( 'registers the default order topics and shows the secret once', async () => {
		const calls = fakeApi( {
			'GET /webhooks': { webhooks: [] },
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
		const onChanged = jest.fn();
		render( <WebhooksPanel onChanged={ onChanged } /> );

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
		expect(
			screen.getByTestId( 'webhook-order.updated' )
		).toHaveTextContent( 'Active' );
		const post = calls.find( ( c ) => c.method === 'POST' );
		expect( post?.data ).toMatchObject( {
			delivery_url: 'https://hooks.example.com/in',
			topics: [ 'order.created', 'order.updated' ],
		} );
		// The connection panel shows the webhooks too: it is told to reload.
		expect( onChanged ).toHaveBeenCalledTimes( 1 );
	} );

	it( 'shows why a delivery address was refused', async () => {
		fakeApi( {
			'GET /webhooks': { webhooks: [] },
			'POST /webhooks': restError(
				'flashnode_invalid_url',
				'The address points to a private or local network.'
			),
		} );
		render( <WebhooksPanel onChanged={ jest.fn() } /> );

		await userEvent.type(
			screen.getByTestId( 'delivery-url' ),
			'https://10.0.0.5/hook'
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Register webhooks' } )
		);

		// The notice in the panel (the a11y live region repeats the text outside it).
		await waitFor( () =>
			expect( screen.getByTestId( 'webhooks-panel' ) ).toHaveTextContent(
				'The address points to a private or local network.'
			)
		);
		expect( screen.queryByTestId( 'webhook-secret' ) ).toBeNull();
	} );
} );
