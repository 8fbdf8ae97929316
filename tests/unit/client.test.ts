import { errorMessage, newRequestId } from '../../src/api/client';

describe( 'errorMessage', () => {
	it( 'shows the route’s own message', () => {
		expect(
			errorMessage( {
				code: 'flashnode_invalid_url',
				message: 'Use an https:// address.',
				data: { status: 400 },
			} )
		).toBe( 'Use an https:// address.' );
	} );

	it( 'prefers the per-field reasons of rest_invalid_param', () => {
		expect(
			errorMessage( {
				code: 'rest_invalid_param',
				message: 'Invalid parameter(s): topics',
				data: {
					status: 400,
					params: {
						topics: 'topics[0] is not one of order.created.',
					},
				},
			} )
		).toBe( 'topics[0] is not one of order.created.' );
	} );

	it( 'falls back to a generic sentence for anything else', () => {
		for ( const odd of [
			null,
			undefined,
			'boom',
			42,
			{},
			{ message: '' },
		] ) {
			expect( errorMessage( odd ) ).toMatch( /request failed/ );
		}
	} );
} );

describe( 'newRequestId', () => {
	it( 'matches the server’s request_id pattern and differs per click', () => {
		const ids = new Set( Array.from( { length: 50 }, newRequestId ) );
		expect( ids.size ).toBe( 50 );
		for ( const id of ids ) {
			expect( id ).toMatch( /^[A-Za-z0-9_-]{8,64}$/ );
		}
	} );
} );
