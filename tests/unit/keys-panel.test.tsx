import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { KeysResponse } from '../../src/api/types';
import { KeysPanel } from '../../src/panels/keys-panel';
import { fakeApi, restError } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const listed: KeysResponse = {
	current_user_id: 1,
	owners: [
		{ id: 1, name: 'Ada Admin', login: 'ada' },
		{ id: 4, name: 'Sam Manager', login: 'sam' },
	],
	keys: [
		{
			key_id: 3,
			description: 'Flashnode – 2026-11-01',
			truncated_key: 'abc1234',
			permissions: 'read_write',
			last_access_utc: null,
			user: { id: 9, name: 'Gone', login: 'gone' },
			problem: 'owner_lacks_capability',
		},
	],
};

const created = {
	key: {
		key_id: 12,
		user_id: 1,
		consumer_key: 'ck_' + 'a'.repeat( 40 ),
		consumer_secret: 'cs_' + 'b'.repeat( 40 ),
		truncated_key: 'aaaaaaa',
		permissions: 'read_write',
	},
};

describe( 'KeysPanel', () => {
	it( 'lists the plugin’s keys and flags one whose owner lost the capability', async () => {
		fakeApi( { 'GET /keys': listed } );
		renderWithStore( <KeysPanel /> );

		const row = await screen.findByTestId( 'key-3' );
		expect( row ).toHaveTextContent( '…abc1234' );
		expect( row ).toHaveTextContent( 'can no longer manage WooCommerce' );
	} );

	it( 'creates one key for a double click and shows its secret once', async () => {
		let answer: ( value: unknown ) => void = () => undefined;
		const calls = fakeApi( {
			'GET /keys': listed,
			'POST /keys': () =>
				new Promise( ( resolve ) => {
					answer = resolve;
				} ),
		} );
		renderWithStore( <KeysPanel /> );
		await screen.findByTestId( 'key-3' );

		const button = screen.getByTestId( 'create-key' );
		act( () => {
			button.click();
			button.click();
		} );
		await act( async () => answer( created ) );

		const posts = calls.filter( ( call ) => call.method === 'POST' );
		expect( posts ).toHaveLength( 1 );
		expect( posts[ 0 ].data ).toMatchObject( {
			user_id: 1,
			permissions: 'read_write',
		} );
		expect( posts[ 0 ].data?.request_id ).toMatch( /^[0-9a-f]{32}$/ );
		expect( screen.getByTestId( 'new-consumer-secret' ) ).toHaveValue(
			created.key.consumer_secret
		);
		// The store loads the list again: the change made it stale.
		await waitFor( () =>
			expect(
				calls.filter( ( call ) => call.method === 'GET' )
			).toHaveLength( 2 )
		);
	} );

	it( 'sends the chosen owner and permissions', async () => {
		const calls = fakeApi( { 'GET /keys': listed, 'POST /keys': created } );
		renderWithStore( <KeysPanel /> );
		await screen.findByTestId( 'key-3' );

		await userEvent.selectOptions(
			screen.getByLabelText( 'User the key acts as' ),
			'4'
		);
		await userEvent.selectOptions(
			screen.getByLabelText( 'Permissions' ),
			'read'
		);
		await userEvent.click( screen.getByTestId( 'create-key' ) );

		await waitFor( () =>
			expect(
				calls.find( ( call ) => call.method === 'POST' )?.data
			).toMatchObject( { user_id: 4, permissions: 'read' } )
		);
	} );

	it( 'revokes only after confirmation and shows the route’s error', async () => {
		const calls = fakeApi( {
			'GET /keys': listed,
			'DELETE /keys/3': restError(
				'flashnode_key_not_found',
				'This key does not exist (any more).',
				404
			),
		} );
		renderWithStore( <KeysPanel /> );
		await screen.findByTestId( 'key-3' );

		await userEvent.click( screen.getByTestId( 'revoke-key-3' ) );
		expect( calls.some( ( call ) => call.method === 'DELETE' ) ).toBe(
			false
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Revoke key' } )
		);

		// The page's notice area (the a11y live region repeats the text elsewhere).
		await waitFor( () =>
			expect( screen.getByTestId( 'notices' ) ).toHaveTextContent(
				'This key does not exist (any more).'
			)
		);
		expect(
			calls.filter( ( call ) => call.method === 'DELETE' )
		).toHaveLength( 1 );
	} );
} );
