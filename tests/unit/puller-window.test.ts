import {
	nextCursor,
	ordersPath,
	toRestDate,
	unseen,
	windowStart,
} from '../../src/puller/window';

describe( 'polling window', () => {
	const cursor = new Date( '2026-11-23T10:00:00.750Z' );

	it( 'formats dates the way WooCommerce expects them with dates_are_gmt', () => {
		expect( toRestDate( cursor ) ).toBe( '2026-11-23T10:00:00' );
	} );

	it( 'starts the next window one overlap before the cursor', () => {
		expect( toRestDate( windowStart( cursor, 300 ) ) ).toBe(
			'2026-11-23T09:55:00'
		);
		expect( windowStart( cursor, 0 ) ).toEqual( cursor );
	} );

	it( 'rejects a negative or non-numeric overlap', () => {
		expect( () => windowStart( cursor, -1 ) ).toThrow( RangeError );
		expect( () => windowStart( cursor, Number.NaN ) ).toThrow( RangeError );
	} );

	it( 'asks for one status, oldest modification first, in UTC', () => {
		const path = ordersPath( {
			status: 'processing',
			modifiedAfter: windowStart( cursor, 60 ),
			page: 2,
		} );
		const [ route, query ] = path.split( '?' );
		expect( route ).toBe( '/wp-json/wc/v3/orders' );
		expect( Object.fromEntries( new URLSearchParams( query ) ) ).toEqual( {
			status: 'processing',
			modified_after: '2026-11-23T09:59:00',
			dates_are_gmt: 'true',
			orderby: 'modified',
			order: 'asc',
			per_page: '100',
			page: '2',
		} );
	} );

	it( 'moves the cursor to the latest modification seen, never backwards', () => {
		const orders = [
			{ id: 1, date_modified_gmt: '2026-11-23T09:59:30' },
			{ id: 2, date_modified_gmt: '2026-11-23T10:02:00' },
		];
		expect( toRestDate( nextCursor( cursor, orders ) ) ).toBe(
			'2026-11-23T10:02:00'
		);
		expect( nextCursor( cursor, [ orders[ 0 ] ] ) ).toEqual( cursor );
		expect( nextCursor( cursor, [] ) ).toEqual( cursor );
	} );

	it( 'drops versions already transferred but keeps a newer version of the same order', () => {
		const seen = new Set( [ '1@2026-11-23T09:59:30' ] );
		expect(
			unseen(
				[
					{ id: 1, date_modified_gmt: '2026-11-23T09:59:30' },
					{ id: 1, date_modified_gmt: '2026-11-23T10:01:00' },
					{ id: 3, date_modified_gmt: '2026-11-23T09:59:30' },
				],
				seen
			).map( ( order ) => `${ order.id }@${ order.date_modified_gmt }` )
		).toEqual( [ '1@2026-11-23T10:01:00', '3@2026-11-23T09:59:30' ] );
	} );
} );
