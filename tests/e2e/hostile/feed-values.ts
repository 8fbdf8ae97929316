/**
 * Invalid values for the change feed (GET wc-flashnode/v1/changes: query parameters) and the acknowledgements
 * (POST wc-flashnode/v1/acks: a JSON body), for the hostile-input feed spec. Each query is valid but for one
 * parameter; each body is invalid as a whole (no valid ack is ever sent: it would note orders and the consumer).
 */
import { INVALID_UTF8_ENCODED, MB, PAYLOADS, type Json } from './payloads';

const enc = encodeURIComponent;
const payloadQueries = ( name: string ) =>
	PAYLOADS.map( ( payload ) => `${ name }=${ enc( payload ) }` );

/** Queries of GET /changes, each with exactly one broken parameter (the others valid). */
export const FEED_QUERIES_BAD: string[] = [
	// Cursor: exactly one of after and since.
	'',
	'limit=10',
	'after=0&since=2026-01-01',
	'after=&since=',
	// after: negative, huge, non-numeric, padded, arrays.
	...[
		'-1',
		'-0',
		'01',
		'+1',
		'1.5',
		'1e3',
		'0x10',
		'abc',
		'',
		'%20',
		'1%20',
		'%201',
		'1%00',
		'99999999999999999999',
		'9999999999999999999',
		'9223372036854775807',
		`1${ '0'.repeat( 300 ) }`,
		'NaN',
		'Infinity',
		INVALID_UTF8_ENCODED,
	].map( ( value ) => `after=${ value }` ),
	'after[]=0',
	'after[a]=0',
	'after[]=',
	...payloadQueries( 'after' ),
	// since: not ISO 8601, or no such date/time.
	...[
		'',
		'yesterday',
		'now',
		'@0',
		'1700000000',
		'2026-1-1',
		'31.01.2026',
		'01/31/2026',
		'2026-13-01',
		'2026-00-10',
		'2026-01-32',
		'2026-02-30',
		'2026-04-31',
		'0000-00-00',
		'2026-01-01T25:00:00Z',
		'2026-01-01T24:30:00Z',
		'2026-01-01T12:00:60Z',
		'2026-01-01%2012:99',
		'2026-01-01T12:60:00Z',
		'2026-01-01T12:00:61Z',
		'2026-01-01T12:00:00%2B99:99',
		'2026-01-01T12:00:00ZZ',
		'2026-01-01X12:00:00Z',
		'99999-01-01',
		`2026-01-01T12:00:00.${ '9'.repeat( 3000 ) }Q`,
		INVALID_UTF8_ENCODED,
	].map( ( value ) => `since=${ value }` ),
	'since[]=2026-01-01',
	'since[a]=2026-01-01',
	...payloadQueries( 'since' ),
	// limit: out of range, not a whole number.
	...[
		'0',
		'-1',
		'501',
		'1000',
		'999999999999',
		'01',
		'1.5',
		'1e2',
		'abc',
		'',
		'%20',
		'10%00',
		INVALID_UTF8_ENCODED,
	].map( ( value ) => `after=0&limit=${ value }` ),
	'after=0&limit[]=10',
	...payloadQueries( 'limit' ).map( ( query ) => `after=0&${ query }` ),
	// statuses: unknown, prefixed, empty items, too many, arrays.
	...[
		'nope',
		'processing,nope',
		'wc-processing',
		'PROCESSING',
		',',
		'processing,',
		'processing;completed',
		Array( 51 ).fill( 'processing' ).join( ',' ),
		INVALID_UTF8_ENCODED,
	].map( ( value ) => `after=0&statuses=${ value }` ),
	'after=0&statuses[]=processing',
	'after=0&statuses[a]=processing',
	...payloadQueries( 'statuses' ).map( ( query ) => `after=0&${ query }` ),
	// include: only "orders".
	...[
		'order',
		'ORDERS',
		'orders,orders',
		'orders%20',
		'true',
		'1',
		'customers',
		INVALID_UTF8_ENCODED,
	].map( ( value ) => `after=0&include=${ value }` ),
	'after=0&include[]=orders',
	'after=0&include[orders]=1',
	...payloadQueries( 'include' ).map( ( query ) => `after=0&${ query }` ),
];

const ids = ( count: number ) =>
	Array.from( { length: count }, ( _, index ) => index + 1 );

/** order_ids that are not a list of 1 to 500 positive whole numbers. */
const ORDER_IDS_BAD: Json[] = [
	[],
	[ 0 ],
	[ -1 ],
	[ 1.5 ],
	[ 1e20 ],
	[ '1.5' ],
	[ '01' ],
	[ '-1' ],
	[ ' 1' ],
	[ '1e3' ],
	[ 'abc' ],
	[ '' ],
	[ '99999999999999999999' ],
	[ null ],
	[ true ],
	[ false ],
	[ [ 1 ] ],
	[ {} ],
	[ { id: 1 } ],
	[ 1, 'x' ],
	[ 1, -2 ],
	ids( 501 ),
	{ a: 1 },
	{ 1: 1 },
	'1',
	'1,2',
	1,
	0,
	true,
	null,
	{},
	MB,
	...PAYLOADS,
	...PAYLOADS.map( ( payload ) => [ payload ] ),
];

/** References that are not plain text of at most 100 characters (order_ids otherwise valid-looking). */
const REFERENCES_BAD: Json[] = [
	'x'.repeat( 101 ),
	'é'.repeat( 51 ),
	MB,
	'<b>x</b>',
	'<script>window.__xss=1</script>',
	'a\nb',
	'a\r\nSet-Cookie: hostile=1',
	'a\tb',
	' padded ',
	'%41%42',
	42,
	1.5,
	true,
	[],
	[ 'x' ],
	{},
	{ a: 'b' },
];

/**
 * Bodies of POST /acks, each invalid: every bad order_ids (with a valid reference), every bad reference (with
 * well-formed order_ids of an order nobody has: were the reference let through, the answer would be a 200 that
 * notes the consumer, which the database guard sees), missing fields, and JSON that is not an object.
 */
export function ackBodiesBad(): string[] {
	const bodies: string[] = ORDER_IDS_BAD.map( ( orderIds ) =>
		JSON.stringify( { order_ids: orderIds, reference: 'hostile' } )
	);
	for ( const reference of REFERENCES_BAD ) {
		bodies.push(
			JSON.stringify( { order_ids: [ 999999999 ], reference } ),
			JSON.stringify( { reference, order_ids: [ '999999998' ] } )
		);
	}
	bodies.push(
		'{}',
		'[]',
		'[1,2]',
		'null',
		'""',
		'"order_ids"',
		'0',
		'true',
		JSON.stringify( { reference: 'hostile' } ),
		JSON.stringify( { order_ids: null } ),
		JSON.stringify( { orderIds: [ 1 ] } ),
		JSON.stringify( { ORDER_IDS: [ 1 ] } ),
		JSON.stringify( { order_ids: { 0: 1, 2: 2 } } )
	);
	return bodies;
}
