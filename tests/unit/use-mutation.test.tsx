import { act, renderHook } from '@testing-library/react';
import { createRegistry, RegistryProvider } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import type { ReactNode } from 'react';

import { NOTICE_CONTEXT, store } from '../../src/data/store';
import { useMutation, type MutationOptions } from '../../src/data/use-mutation';
import { fakeApi } from './fake-api';

jest.mock( '@wordpress/api-fetch', () => jest.fn() );

function setup< T >(
	perform: () => Promise< T >,
	options: MutationOptions< T > = {}
) {
	const registry = createRegistry();
	registry.register( store );
	registry.register( noticesStore );
	const wrapper = ( { children }: { children: ReactNode } ) => (
		<RegistryProvider value={ registry }>{ children }</RegistryProvider>
	);
	const hook = renderHook( () => useMutation( perform, options ), {
		wrapper,
	} );
	const notices = () =>
		registry.select( noticesStore ).getNotices( NOTICE_CONTEXT );
	return { registry, hook, notices };
}

describe( 'useMutation', () => {
	it( 'runs once when clicked twice before the first call ends', async () => {
		let finish: ( value: string ) => void = () => undefined;
		const perform = jest.fn(
			() =>
				new Promise< string >( ( resolve ) => {
					finish = resolve;
				} )
		);
		const { hook } = setup( perform );

		let first: Promise< string | undefined > = Promise.resolve( undefined );
		let second: Promise< string | undefined > =
			Promise.resolve( undefined );
		act( () => {
			first = hook.result.current.run();
			second = hook.result.current.run();
		} );
		expect( hook.result.current.busy ).toBe( true );
		await act( async () => {
			finish( 'done' );
			await first;
		} );

		expect( perform ).toHaveBeenCalledTimes( 1 );
		await expect( first ).resolves.toBe( 'done' );
		await expect( second ).resolves.toBeUndefined();
		expect( hook.result.current.busy ).toBe( false );
	} );

	it( 'reports a failure as an error notice and a success as a snackbar', async () => {
		const perform = jest
			.fn()
			.mockRejectedValueOnce( { message: 'Key not found.' } )
			.mockResolvedValueOnce( 'ok' );
		const { hook, notices } = setup( perform, {
			success: () => 'Saved.',
		} );

		await act( async () => {
			await hook.result.current.run();
		} );
		expect( notices() ).toEqual( [
			expect.objectContaining( {
				status: 'error',
				content: 'Key not found.',
			} ),
		] );

		await act( async () => {
			await hook.result.current.run();
		} );
		expect( notices()[ 1 ] ).toMatchObject( {
			status: 'success',
			content: 'Saved.',
			type: 'snackbar',
		} );
	} );

	it( 'stores the answers that came with the change and reloads what it made stale, loaded routes only', async () => {
		const calls = fakeApi( {
			'GET /keys': { keys: [] },
			'GET /connection': { service: null },
		} );
		const { registry, hook } = setup(
			async () => ( { report: { status: 'ok' } } ),
			{
				receive: ( answer ) => ( { '/readiness': answer.report } ),
				stale: [ '/keys', '/webhooks' ],
			}
		);
		await act( async () => {
			await registry.dispatch( store ).load( '/keys' );
		} );
		await act( async () => {
			await hook.result.current.run();
		} );

		expect(
			registry.select( store ).getResource( '/readiness' ).data
		).toEqual( { status: 'ok' } );
		// '/keys' was loaded, so it loads again; '/webhooks' was never read, so it waits until it is.
		expect( calls.map( ( c ) => `${ c.method } ${ c.path }` ) ).toEqual( [
			'GET /keys',
			'GET /keys',
		] );
	} );
} );
