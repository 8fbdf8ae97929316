import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { ConnectionStatus } from '../../src/api/types';
import { ConnectionPanel } from '../../src/panels/connection-panel';
import { connection, flashnode, legacyErp } from './connection-fixture';
import { fakeApi, restError } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

/** The 0.4 connection once its service reported where to send a new key. */
const reported: ConnectionStatus = {
	...connection,
	connections: [ { ...legacyErp, reconnect_url_known: true } ],
};

describe( 'Give <service> its own user', () => {
	it( 'is offered only when the service reported a reconnect_url; without one the card keeps its advice', async () => {
		fakeApi( {
			'GET /connection': {
				...connection,
				connections: [ flashnode, legacyErp ],
			},
		} );
		renderWithStore( <ConnectionPanel /> );
		const legacy = await screen.findByTestId( 'connection-erp-example' );
		expect( within( legacy ).queryByTestId( 'give-own-user' ) ).toBeNull();
		expect(
			within( legacy ).getByTestId( 'connection-too-broad' )
		).toHaveTextContent( "Approve the service's connection link again" );
		expect( screen.queryByTestId( 'give-own-user' ) ).toBeNull();
	} );

	it( 'one click hands over a new key, then the card shows the service user', async () => {
		let status = reported;
		const calls = fakeApi( {
			'GET /connection': () => status,
			'POST /connection/own-user': () => {
				status = {
					...connection,
					connections: [
						{
							...legacyErp,
							reconnect_url_known: true,
							broader_than_needed: false,
							scopes: flashnode.scopes,
							user: {
								id: 9,
								login: 'flashnode-old-erp',
								name: 'Old ERP',
							},
						},
					],
				};
				return {
					connected: {
						connection_id: 'erp-example',
						key_id: 12,
						truncated_key: 'new1234',
						permissions: 'read_write',
						service_host: 'erp.example',
						service_name: 'Old ERP',
						user_login: 'flashnode-old-erp',
						scopes: flashnode.scopes,
						webhook_ids: [],
						replaced: true,
					},
				};
			},
			'GET /keys': { keys: [], owners: [], current_user_id: 1 },
			'GET /webhooks': { webhooks: [], topics: [] },
		} );
		renderWithStore( <ConnectionPanel /> );
		const button = await screen.findByTestId( 'give-own-user' );
		expect( button ).toHaveTextContent( 'Give Old ERP its own user' );
		await userEvent.click( button );
		await waitFor( () =>
			expect( screen.queryByTestId( 'connection-too-broad' ) ).toBeNull()
		);
		expect( screen.getByTestId( 'connection-user' ) ).toHaveTextContent(
			'flashnode-old-erp'
		);
		expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
			'Old ERP now acts as its own user flashnode-old-erp; its old key and webhooks were revoked.'
		);
		const posts = calls.filter( ( c ) => c.method === 'POST' );
		expect( posts.map( ( c ) => c.path ) ).toEqual( [
			'/connection/own-user',
		] );
		expect( posts[ 0 ].data ).toMatchObject( { id: 'erp-example' } );
		expect( posts[ 0 ].data?.request_id ).toMatch( /^[0-9a-f]{32}$/ );
	} );

	it( 'a refused hand-off shows why, and the card still offers it', async () => {
		fakeApi( {
			'GET /connection': reported,
			'POST /connection/own-user': restError(
				'flashnode_handoff_failed',
				'erp.example did not accept the new key (HTTP 500). Its old key and webhooks keep working; the new user, key and webhooks were deleted again.',
				424
			),
			'GET /keys': { keys: [], owners: [], current_user_id: 1 },
			'GET /webhooks': { webhooks: [], topics: [] },
		} );
		renderWithStore( <ConnectionPanel /> );
		await userEvent.click( await screen.findByTestId( 'give-own-user' ) );
		await waitFor( () =>
			expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
				'Its old key and webhooks keep working'
			)
		);
		expect( screen.getByTestId( 'give-own-user' ) ).toBeEnabled();
		expect( screen.getByTestId( 'connection-too-broad' ) ).toBeVisible();
	} );
} );
