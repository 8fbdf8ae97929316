import { act, renderHook } from '@testing-library/react';

import { useAction } from '../../src/api/use-action';

describe( 'useAction', () => {
	it( 'runs once when clicked twice before the first call ends', async () => {
		let finish: ( value: string ) => void = () => undefined;
		const perform = jest.fn(
			() =>
				new Promise< string >( ( resolve ) => {
					finish = resolve;
				} )
		);
		const { result } = renderHook( () => useAction( perform ) );

		let first: Promise< string | undefined > = Promise.resolve( undefined );
		let second: Promise< string | undefined > =
			Promise.resolve( undefined );
		act( () => {
			first = result.current.run();
			second = result.current.run();
		} );
		expect( result.current.busy ).toBe( true );
		await act( async () => {
			finish( 'done' );
			await first;
		} );

		expect( perform ).toHaveBeenCalledTimes( 1 );
		await expect( first ).resolves.toBe( 'done' );
		await expect( second ).resolves.toBeUndefined();
		expect( result.current.busy ).toBe( false );
	} );

	it( 'keeps the failure’s message and runs again afterwards', async () => {
		const perform = jest
			.fn()
			.mockRejectedValueOnce( { message: 'Key not found.' } )
			.mockResolvedValueOnce( 'ok' );
		const { result } = renderHook( () => useAction( perform ) );

		await act( async () => {
			await result.current.run();
		} );
		expect( result.current.error ).toBe( 'Key not found.' );

		await act( async () => {
			await result.current.run();
		} );
		expect( result.current.error ).toBeNull();
		expect( perform ).toHaveBeenCalledTimes( 2 );
	} );
} );
