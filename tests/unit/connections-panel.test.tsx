import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { ConnectionStatus } from '../../src/api/types';
import { feedReadLabel } from '../../src/panels/connection-card';
import { detailLabel } from '../../src/panels/connection-history';
import { ConnectionPanel } from '../../src/panels/connection-panel';
import {
	connection,
	flashnode,
	legacyErp,
	serviceKey,
	serviceWebhook,
} from './connection-fixture';
import { fakeApi } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const twoServices: ConnectionStatus = {
	...connection,
	connections: [ flashnode, legacyErp ],
	history: [
		{
			event: 'reconnected',
			service_name: 'Flashnode',
			service_host: 'connect.flashnode.example',
			time_utc: '2026-11-21T08:00:00Z',
			detail: '',
			notified: null,
		},
		...connection.history,
	],
};

describe( 'ConnectionPanel', () => {
	it( 'shows one card per connection: user, rights, feed, keys, webhooks and what the service reported', async () => {
		fakeApi( { 'GET /connection': twoServices } );
		renderWithStore( <ConnectionPanel /> );
		const card = await screen.findByTestId(
			'connection-connect-flashnode-example'
		);
		const fact = ( id: string ) => within( card ).getByTestId( id );
		expect( fact( 'connection-service' ) ).toHaveTextContent(
			'Flashnode (connect.flashnode.example)'
		);
		expect( fact( 'connection-user' ) ).toHaveTextContent(
			'flashnode-flashnode'
		);
		expect( fact( 'connection-scopes' ) ).toHaveTextContent(
			'Read orders, Update orders, Read products'
		);
		expect( fact( 'connection-statuses' ) ).toHaveTextContent(
			'Processing (the shop-wide transfer settings)'
		);
		expect(
			within(
				screen.getByTestId( 'connection-erp-example' )
			).getByTestId( 'connection-statuses' )
		).toHaveTextContent( 'Completed (its own)' );
		expect( fact( 'connection-feed' ) ).not.toHaveTextContent( 'never' );
		expect( fact( 'connection-key' ) ).not.toHaveTextContent( 'never' );
		expect( card ).toHaveTextContent( 'Key …abc1234 last used' );
		expect( fact( 'connection-webhook' ) ).toHaveTextContent(
			/^Active · .+ · delivery · delivered \(HTTP 200\)$/
		);
		expect( fact( 'polling-interval' ) ).toHaveTextContent(
			'every 5 minutes'
		);
		expect( fact( 'service-addresses' ) ).toHaveTextContent(
			'203.0.113.7, 203.0.113.8'
		);
		expect(
			within( card ).queryByTestId( 'connection-too-broad' )
		).toBeNull();

		// The 0.4 connection: acting as the administrator, said plainly; nothing it did not report.
		const legacy = screen.getByTestId( 'connection-erp-example' );
		expect(
			within( legacy ).getByTestId( 'connection-too-broad' )
		).toHaveTextContent(
			"Old ERP acts as an administrator: it can change payment and shop settings. Approve the service's connection link again to give it its own user with only the rights it needs."
		);
		expect(
			within( legacy ).getByTestId( 'connection-user' )
		).toHaveTextContent( 'admin' );
		expect(
			within( legacy ).getByTestId( 'connection-scopes' )
		).toHaveTextContent(
			'every right of the administrator who approved it'
		);
		expect(
			within( legacy ).getByTestId( 'connection-feed' )
		).toHaveTextContent( 'never' );
		expect(
			within( legacy ).queryByTestId( 'polling-interval' )
		).toBeNull();
		expect(
			within( legacy ).queryByTestId( 'service-addresses' )
		).toBeNull();

		// Newest first, as the route answers; the history names an approval of a connected service.
		expect(
			screen
				.getAllByTestId( 'connection-service' )
				.map( ( h ) => h.textContent )
		).toEqual( [
			'Flashnode (connect.flashnode.example)',
			'Old ERP (erp.example)',
		] );
		expect( screen.getByTestId( 'connection-history' ) ).toHaveTextContent(
			'approved again Flashnode'
		);
		// Every key and webhook belongs to a connection: no "made on this page" block.
		expect( screen.queryByTestId( 'manual-grants' ) ).toBeNull();
	} );

	it( 'Disconnect ends only the connection of its card, after confirmation, and reloads the panel', async () => {
		let connected = twoServices;
		const calls = fakeApi( {
			'GET /connection': () => connected,
			'DELETE /connection?id=erp-example': () => {
				connected = { ...twoServices, connections: [ flashnode ] };
				return {
					disconnected: {
						id: 'erp-example',
						service_name: 'Old ERP',
						service_host: 'erp.example',
						key_ids: [ 3 ],
						webhook_ids: [],
						notified: false,
					},
				};
			},
		} );
		renderWithStore( <ConnectionPanel /> );
		const legacy = await screen.findByTestId( 'connection-erp-example' );
		await userEvent.click( within( legacy ).getByTestId( 'disconnect' ) );
		expect( screen.getByRole( 'dialog' ) ).toHaveTextContent(
			'Disconnect Old ERP?'
		);
		expect( calls.some( ( c ) => c.method === 'DELETE' ) ).toBe( false );
		await userEvent.click(
			within( screen.getByRole( 'dialog' ) ).getByRole( 'button', {
				name: 'Disconnect',
			} )
		);
		await waitFor( () =>
			expect(
				screen.queryByTestId( 'connection-erp-example' )
			).toBeNull()
		);
		expect(
			screen.getByTestId( 'connection-connect-flashnode-example' )
		).toBeInTheDocument();
		expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
			'Disconnected from Old ERP. The service gave no address to notify'
		);
		expect(
			calls
				.filter( ( c ) => c.method === 'DELETE' )
				.map( ( c ) => c.path )
		).toEqual( [ '/connection?id=erp-example' ] );
	} );

	it( 'without connections says so, and lists the keys and webhooks made by hand', async () => {
		fakeApi( {
			'GET /connection': {
				...connection,
				connections: [],
				service: null,
				history: [],
				keys: [
					{ ...serviceKey, key_id: 9, truncated_key: 'man0009' },
				],
				webhooks: [ { ...serviceWebhook, id: 21, status: 'paused' } ],
			},
		} );
		renderWithStore( <ConnectionPanel /> );
		expect(
			await screen.findByTestId( 'no-connections' )
		).toHaveTextContent( 'No service is connected through this page yet.' );
		const manual = screen.getByTestId( 'manual-grants' );
		expect( manual ).toHaveTextContent( 'Key …man0009 last used' );
		expect( manual ).toHaveTextContent( 'Webhook order.createdPaused · ' );
		expect( screen.queryByTestId( 'disconnect' ) ).toBeNull();
	} );
} );

describe( 'feedReadLabel', () => {
	it( 'takes the newest read and acknowledgement of the connection’s keys', () => {
		expect( feedReadLabel( [] ) ).toBe( 'never' );
		const label = feedReadLabel( [
			{
				key_id: 1,
				name: 'a',
				last_read_cursor: 1,
				last_read_gmt: '2026-11-23T09:00:00Z',
				last_ack_gmt: '2026-11-23T09:01:00Z',
			},
			{
				key_id: 2,
				name: 'b',
				last_read_cursor: 2,
				last_read_gmt: '2026-11-23T10:00:00Z',
				last_ack_gmt: null,
			},
		] );
		expect( label ).toContain(
			new Date( '2026-11-23T10:00:00Z' ).toLocaleString()
		);
		expect( label ).toContain(
			`(last acknowledgement ${ new Date(
				'2026-11-23T09:01:00Z'
			).toLocaleString() })`
		);
	} );
} );

describe( 'detailLabel', () => {
	const entry = {
		event: 'disconnected' as const,
		service_name: 'QA ERP',
		service_host: 'erp.example',
		time_utc: '2026-11-23T09:00:00Z',
		detail: 'owner_disconnected',
		notified: true,
	};
	it( 'says the reason in words, and when the service was not told', () => {
		expect( detailLabel( entry ) ).toBe( 'by the owner' );
		expect( detailLabel( { ...entry, notified: false } ) ).toBe(
			'by the owner, service not notified'
		);
		expect(
			detailLabel( { ...entry, detail: 'plugin_uninstalled' } )
		).toBe( 'plugin deleted' );
	} );
} );
