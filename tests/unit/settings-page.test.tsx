import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	CheckResult,
	ReadinessReport,
	SettingsResponse,
} from '../../src/api/types';
import { SettingsPage } from '../../src/settings-page';
import { connection } from './connection-fixture';
import { fakeApi } from './fake-api';
import { renderWithStore } from './render-with-store';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

const check = ( overrides: Partial< CheckResult > ): CheckResult => ( {
	id: 'https',
	title: 'HTTPS and certificate',
	status: 'ok',
	message: 'The site is served over HTTPS.',
	why: '',
	fix: '',
	fix_id: null,
	fix_question: null,
	undo_id: null,
	undo_question: null,
	...overrides,
} );

const plainPermalinks = check( {
	id: 'permalinks',
	status: 'error',
	message: 'Permalinks are set to "Plain".',
	why: 'The REST API needs pretty permalinks.',
	fix: 'Choose "Post name".',
	fix_id: 'permalinks',
	fix_question: 'Switch permalinks to "Post name"?',
} );

const report = ( results: CheckResult[] ): ReadinessReport => ( {
	status: results.some( ( r ) => r.status === 'error' ) ? 'error' : 'ok',
	checked_at: '2026-11-23T10:00:00Z',
	results,
} );

const settings: SettingsResponse = {
	settings: {
		api_mode: 'rest_v3',
		order_statuses: [ 'processing' ],
		keep_connection_on_uninstall: false,
	},
	order_statuses: [
		{ id: 'pending', label: 'Pending payment' },
		{ id: 'processing', label: 'Processing' },
		{ id: 'completed', label: 'Completed' },
	],
};

const quietFlow = {
	last_read: null,
	lag: null,
	threshold_minutes: 45,
	transfer_statuses: [ 'processing' ],
	unacknowledged_orders: 0,
	stuck_orders: [],
	consumers: [],
	late_changes: 0,
};

function answers( extra: Record< string, unknown > = {} ) {
	return fakeApi( {
		'GET /readiness': report( [ plainPermalinks, check( {} ) ] ),
		'GET /keys': { keys: [], owners: [], current_user_id: 1 },
		'GET /webhooks': { webhooks: [], topics: [] },
		'GET /settings': settings,
		'GET /connection': connection,
		'GET /order-flow': quietFlow,
		...extra,
	} );
}

const boot = { pluginVersion: '0.3.0', wcVersion: '10.5.2' };

describe( 'SettingsPage', () => {
	it( 'shows the versions from boot data, and "unknown" for an empty one', async () => {
		answers();
		const { unmount } = renderWithStore(
			<SettingsPage boot={ boot } />,
			false
		);
		expect(
			screen.getByRole( 'heading', { name: 'Flashnode Connector' } )
		).toBeInTheDocument();
		expect( screen.getByTestId( 'plugin-version' ) ).toHaveTextContent(
			'0.3.0'
		);
		expect( screen.getByTestId( 'wc-version' ) ).toHaveTextContent(
			'10.5.2'
		);
		await screen.findByTestId( 'check-permalinks' );
		unmount();

		answers();
		renderWithStore(
			<SettingsPage boot={ { ...boot, wcVersion: '' } } />,
			false
		);
		expect( screen.getByTestId( 'wc-version' ) ).toHaveTextContent(
			'unknown'
		);
		await screen.findByTestId( 'check-permalinks' );
	} );

	it( 'explains a failing check and fixes it only after confirmation', async () => {
		const fixed = check( {
			id: 'permalinks',
			message: 'Permalinks: /%postname%/.',
		} );
		const calls = answers( {
			'POST /readiness/fixes/permalinks': {
				fix: 'permalinks',
				result: fixed,
				report: report( [ fixed, check( {} ) ] ),
			},
		} );
		renderWithStore( <SettingsPage boot={ boot } />, false );

		const row = await screen.findByTestId( 'check-permalinks' );
		expect( row ).toHaveAttribute( 'data-status', 'error' );
		expect( row ).toHaveTextContent(
			'The REST API needs pretty permalinks.'
		);
		expect( row ).toHaveTextContent( 'Choose "Post name".' );

		await userEvent.click( screen.getByTestId( 'fix-permalinks' ) );
		expect( calls.some( ( c ) => c.method === 'POST' ) ).toBe( false );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Apply the fix' } )
		);

		await screen.findByText( 'Permalinks: /%postname%/.' );
		expect( screen.getByTestId( 'check-permalinks' ) ).toHaveAttribute(
			'data-status',
			'ok'
		);
	} );

	it( 'shows each connected service with what it reported, and the last contact', async () => {
		answers();
		renderWithStore( <SettingsPage boot={ boot } />, false );
		const card = await screen.findByTestId(
			'connection-connect-flashnode-example'
		);
		expect(
			within( card ).getByTestId( 'connection-service' )
		).toHaveTextContent( 'Flashnode (connect.flashnode.example)' );
		expect(
			within( card ).getByTestId( 'polling-interval' )
		).toHaveTextContent( 'every 5 minutes' );
		expect(
			within( card ).getByTestId( 'service-addresses' )
		).toHaveTextContent( '203.0.113.8' );
		expect( screen.getByTestId( 'last-contact' ) ).toHaveTextContent(
			'203.0.113.7'
		);
		expect(
			screen.getByTestId( 'last-authenticated-call' )
		).toHaveTextContent( 'never' );
	} );

	it( 'saves the chosen order statuses and refuses an empty choice', async () => {
		const calls = answers( {
			'POST /settings': ( call: {
				data?: Record< string, unknown >;
			} ) => ( {
				...settings,
				settings: { ...settings.settings, ...call.data },
			} ),
		} );
		renderWithStore( <SettingsPage boot={ boot } />, false );
		const panel = await screen.findByTestId( 'settings-panel' );
		const processing =
			await within( panel ).findByLabelText( 'Processing' );
		const completed = within( panel ).getByLabelText( 'Completed' );

		await userEvent.click( processing );
		expect( screen.getByTestId( 'save-settings' ) ).toBeDisabled();
		expect( panel ).toHaveTextContent( 'Choose at least one status.' );

		await userEvent.click( completed );
		await userEvent.click( screen.getByTestId( 'save-settings' ) );
		const post = calls.find(
			( c ) => c.path === '/settings' && c.method === 'POST'
		);
		expect( post?.data ).toMatchObject( {
			order_statuses: [ 'completed' ],
			api_mode: 'rest_v3',
		} );
		await within( screen.getByTestId( 'notices' ) ).findByText(
			'Settings saved.'
		);
		// The Legacy API check depends on the API mode: the save made the report stale, so it loads again.
		expect(
			calls.filter(
				( c ) => c.method === 'GET' && c.path === '/readiness'
			)
		).toHaveLength( 2 );
	} );

	it( 'shows its panels in the order the README describes them, and points to them by name, never by "below" or "above"', async () => {
		answers();
		renderWithStore( <SettingsPage boot={ boot } />, false );
		await screen.findByTestId( 'check-permalinks' );
		const titles = screen
			.getAllByRole( 'heading', { level: 3 } )
			.map( ( heading ) => heading.textContent )
			.filter( ( title ) => title !== 'About this shop' );
		const readme = readFileSync(
			join( __dirname, '../../README.md' ),
			'utf8'
		);
		const section = readme
			.split( '## The settings page' )[ 1 ]
			.split( '\n## ' )[ 0 ];
		const described = [ ...section.matchAll( /^\*\*([^*]+)\*\* —/gm ) ].map(
			( match ) => match[ 1 ]
		);
		expect( titles.length ).toBeGreaterThanOrEqual( 6 );
		expect( described ).toEqual( titles );
		expect( document.body.textContent ).not.toMatch( /\b(below|above)\b/ );
	} );

	it( 'asks the question the server defines for each fix, and takes back a fix that can be undone, in one request', async () => {
		const blind = check( {
			id: 'legacy_api',
			title: 'Legacy REST API',
			status: 'error',
			message: 'The Legacy REST API does not see the orders.',
			fix_id: 'order_sync',
			fix_question: 'Turn on compatibility mode?',
		} );
		const ruleIn = check( {
			id: 'authorization_header',
			title: 'Authorization header (Basic Auth)',
			undo_id: 'authorization_header',
			undo_question: 'Take the Authorization rule out again?',
		} );
		const ruleOut = check( {
			id: 'authorization_header',
			message: 'The rule is out.',
		} );
		const calls = answers( {
			'GET /readiness': report( [ blind, ruleIn ] ),
			'DELETE /readiness/fixes/authorization_header': {
				fix: 'authorization_header',
				result: ruleOut,
				report: report( [ blind, ruleOut ] ),
			},
		} );
		renderWithStore( <SettingsPage boot={ boot } />, false );

		const row = await screen.findByTestId( 'check-legacy_api' );
		expect( row ).toHaveTextContent( 'Legacy REST API' );
		await userEvent.click( screen.getByTestId( 'fix-order_sync' ) );
		expect( screen.getByRole( 'dialog' ) ).toHaveTextContent(
			'Turn on compatibility mode?'
		);
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Cancel' } )
		);

		await userEvent.click(
			screen.getByTestId( 'undo-authorization_header' )
		);
		expect( screen.getByRole( 'dialog' ) ).toHaveTextContent(
			'Take the Authorization rule out again?'
		);
		expect( calls.some( ( c ) => c.method === 'DELETE' ) ).toBe( false );
		await userEvent.click(
			screen.getByRole( 'button', { name: 'Remove' } )
		);
		await screen.findByText( 'The rule is out.' );
		expect(
			screen.queryByTestId( 'undo-authorization_header' )
		).not.toBeInTheDocument();
		// The fresh report came with the answer: no second run of the checks.
		expect(
			calls
				.map( ( c ) => `${ c.method } ${ c.path }` )
				.filter( ( c ) => c.includes( 'readiness' ) )
		).toEqual( [
			'GET /readiness',
			'DELETE /readiness/fixes/authorization_header',
		] );
	} );
} );
