/**
 * Invalid values per argument of the plugin's routes, for the field fuzzing of the hostile-input specs.
 */
import { MB, PAYLOADS, type Json } from './payloads';

export interface BadValue {
	value: Json;
	/** Invalid on its own in a JSON body (otherwise the request also gets an invalid partner field). */
	alone: boolean;
	/** Still invalid once form/query encoding turned it into a string (default: same as alone). */
	aloneAsForm?: boolean;
}

export const bad = ( values: Json[], alone = true ): BadValue[] =>
	values.map( ( value ) => ( { value, alone } ) );

/**
 * Non-string scalars: invalid for a string field in JSON, but a plain string once form-encoded.
 * @param values
 */
const scalarsForString = ( values: Json[] ): BadValue[] =>
	values.map( ( value ) => ( { value, alone: true, aloneAsForm: false } ) );

export const REQUEST_ID_BAD: BadValue[] = [
	...bad( [
		'',
		'short',
		'a'.repeat( 65 ),
		'has space in it',
		'ünïcødé-id',
		[],
		{},
		[ 'abcdefgh12' ],
		{ id: 'abcdefgh12' },
		MB,
		...PAYLOADS,
	] ),
	...scalarsForString( [ 12345678, true, 1.5 ] ),
];

/**
 * @param customerId A real user who is not the one asking (a customer).
 */
export const USER_ID_BAD = ( customerId: number ): BadValue[] => [
	...bad( [
		0,
		-1,
		999999999,
		9007199254740993,
		'1 OR 1=1',
		'abc',
		1.5,
		true,
		[],
		{},
		[ 1 ],
		'1e3',
		'',
		MB,
		customerId,
		...PAYLOADS,
	] ),
];

export const PERMISSIONS_BAD: BadValue[] = bad( [
	'admin',
	'',
	'READ',
	'read write',
	[ 'read' ],
	{ read: true },
	1,
	true,
	MB,
	...PAYLOADS,
] );

export const DESCRIPTION_BAD: BadValue[] = [
	...bad( [ 'x'.repeat( 191 ), MB, [], {}, [ 'x' ], { a: 'b' } ] ),
	...scalarsForString( [ 42, true, 1.5 ] ),
	// Inert strings: valid descriptions, so a partner field must be invalid.
	...bad( PAYLOADS, false ),
];

export const TOPICS_BAD: BadValue[] = [
	...bad( [
		[],
		[ 'order.created', 'order.created' ],
		[ 'order.nope' ],
		[ 'action.woocommerce_payment_complete' ],
		[ 'order.*' ],
		[ 1 ],
		[ [] ],
		[ {} ],
		[ null ],
		{ a: 'order.created' },
		1,
		true,
		'order.nope',
		[ MB ],
		MB,
		...PAYLOADS.map( ( payload ) => [ payload ] ),
	] ),
	// A comma-separated string is a valid list for WordPress.
	...bad( [ 'order.created' ], false ),
];

export const NAME_BAD: BadValue[] = [
	...bad( [ 'x'.repeat( 101 ), MB, [], {}, [ 'x' ] ] ),
	...scalarsForString( [ 42, false ] ),
	...bad( PAYLOADS, false ),
];

export const API_MODE_BAD: BadValue[] = bad( [
	'',
	'LEGACY',
	'rest_v4',
	'legacy ',
	1,
	true,
	[],
	[ 'legacy' ],
	{},
	MB,
	...PAYLOADS,
] );

export const ORDER_STATUSES_BAD: BadValue[] = [
	...bad( [
		[],
		[ 'nope' ],
		[ 'wc-processing' ],
		[ 'processing', 'processing' ],
		[ 1 ],
		[ [] ],
		[ {} ],
		[ null ],
		{ a: 'processing' },
		'nope',
		1,
		true,
		[ MB ],
		MB,
		...PAYLOADS.map( ( payload ) => [ payload ] ),
	] ),
	...bad( [ 'processing' ], false ),
];

export const BOOLEAN_BAD: BadValue[] = bad( [
	'maybe',
	'yes',
	2,
	-1,
	1.5,
	[],
	[ true ],
	{},
	MB,
	...PAYLOADS,
] );

/**
 * Ids that are not the plugin's. `foreignId` is a real row of the same resource that belongs to someone else (a
 * WooCommerce key or webhook the plugin did not make): ids are per table, so a key's id may well be one of the
 * plugin's webhooks on a fresh shop.
 * @param foreignId
 */
export const ID_SEGMENTS_BAD = ( foreignId: number ): string[] => [
	'0',
	'999999999',
	'99999999999999999999999999',
	String( foreignId ),
	'1.5',
	'-1',
	'abc',
	'1%20OR%201%3D1',
	'1%3BDROP%20TABLE%20wp_options',
	'%3Cscript%3E',
	'%FF%FE',
	'..%2F..%2F1',
	'1%00',
	'a'.repeat( 4000 ),
];

export const FIX_SEGMENTS_BAD = [
	'nope',
	'PERMALINKS',
	'permalinks_x',
	'permalinks%00',
	'permalinks%20OR%201%3D1',
	'..%2F..%2Fpermalinks',
	'%3Cscript%3E',
	'%FF',
	'a'.repeat( 4000 ),
	'x',
];

/**
 * The key arguments (POST /keys, and the hand-off of POST /connection, which takes the same).
 *
 * @param customerId A real user who is not the one asking.
 * @param sample     Only the first few of each (for the route that repeats them).
 */
export const keyArguments = (
	customerId: number,
	sample = false
): Record< string, BadValue[] > => ( {
	request_id: sample ? REQUEST_ID_BAD.slice( 0, 8 ) : REQUEST_ID_BAD,
	user_id: USER_ID_BAD( customerId ).slice( 0, sample ? 15 : undefined ),
	permissions: PERMISSIONS_BAD.slice( 0, sample ? 8 : undefined ),
	description: DESCRIPTION_BAD.slice( 0, sample ? 8 : undefined ),
} );
