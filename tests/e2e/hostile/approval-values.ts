/**
 * Invalid values for the approval link's arguments (GET connection/proposal, POST connection/approve and
 * connection/deny): the link is the service's, so every one of them is untrusted. Lists travel comma-separated
 * in one string, as the service writes them into the URL.
 */
import { bad, type BadValue } from './bad-values';
import { TARGET_URL } from './context';
import { BAD_URLS, MB, PAYLOADS, type Json } from './payloads';

/** A link every check accepts (the loopback receivers nobody listens on; see TARGET_URL). */
export const validLink = (): Record< string, Json > => ( {
	service_name: 'Flashnode hostile-input service',
	callback_url: `${ TARGET_URL }-approve`,
	return_url: `${ TARGET_URL }-return`,
	webhook_url: `${ TARGET_URL }-deliver`,
	topics: 'order.created,order.updated',
	order_statuses: 'processing',
} );

/** Makes any link invalid (checked on every path through Proposal::from_link), for values valid on their own. */
export const LINK_PARTNER: [ string, Json ] = [ 'order_statuses', 'nope' ];

/** JSON types that are not a string: refused by the route schema; most stay invalid once form-encoded. */
const NOT_STRINGS: Json[] = [ [], {}, [ 'x' ], { a: 'b' } ];

export const SERVICE_NAME_BAD: BadValue[] = [
	...bad( [
		'',
		'   ',
		'\t\n',
		'x'.repeat( 101 ),
		// 100 characters, but more than 100 bytes: the schema counts characters, Proposal counts bytes.
		'é'.repeat( 100 ),
		MB,
		'<script></script>',
		'<b></b>',
		...NOT_STRINGS,
	] ),
	// null, numbers and booleans: not strings in JSON, but a string (or empty) as a form field.
	{ value: null, alone: true },
	...[ 42, true, 1.5 ].map( ( value ) => ( {
		value,
		alone: true,
		aloneAsForm: false,
	} ) ),
	// Inert text: a valid name, so the partner makes the link invalid.
	...bad( PAYLOADS, false ),
];

const URL_TYPES_BAD: BadValue[] = bad( [
	...NOT_STRINGS,
	[ TARGET_URL ],
	{ url: TARGET_URL },
	42,
	true,
	'http://127.0.0.1:9/flashnode-hostile',
] );

/** callback_url and return_url: required, so the empty string is one of the bad ones. */
export const REQUIRED_URL_BAD: BadValue[] = [
	...bad( BAD_URLS ),
	...URL_TYPES_BAD,
	{ value: null, alone: true },
];

/** webhook_url: optional, so empty (and null as a form field) means "no webhooks", valid. */
export const WEBHOOK_URL_BAD: BadValue[] = [
	...bad( BAD_URLS.filter( ( url ) => url !== '' ) ),
	...URL_TYPES_BAD,
	{ value: null, alone: true, aloneAsForm: false },
	...bad( [ '' ], false ),
];

export const LINK_TOPICS_BAD: BadValue[] = [
	...bad( [
		'order.nope',
		'order.created,order.nope',
		'order.created;order.updated',
		'order.*',
		'ORDER.CREATED',
		'action.woocommerce_payment_complete',
		',',
		' , ,',
		'order.created,'.repeat( 40 ),
		MB,
		...NOT_STRINGS,
		[ 'order.created' ],
		{ a: 'order.created' },
		1,
		true,
		...PAYLOADS,
	] ),
	// Empty: the recommended topics, valid.
	...bad( [ '' ], false ),
];

export const LINK_STATUSES_BAD: BadValue[] = bad( [
	'nope',
	'processing,nope',
	'wc-processing',
	'PROCESSING',
	'processing;completed',
	',',
	' , ,',
	'processing,'.repeat( 50 ),
	MB,
	...NOT_STRINGS,
	[ 'processing' ],
	{ a: 'processing' },
	1,
	true,
	...PAYLOADS,
] );

/** scopes: unknown ones, ones that would grant more than a scope, and any list without orders:read. */
export const LINK_SCOPES_BAD: BadValue[] = [
	...bad( [
		'nope',
		'orders:write',
		'products:read,products:write',
		'orders:read,nope',
		'orders:read,manage_woocommerce',
		'orders:read,administrator',
		'orders:read,settings:write',
		'orders:*',
		'*',
		'ORDERS:READ',
		'órders:read',
		'orders:read;orders:write',
		'orders:read orders:write',
		',',
		' , ,',
		'orders:read,'.repeat( 45 ),
		MB,
		...NOT_STRINGS,
		[ 'orders:read' ],
		{ a: 'orders:read' },
		1,
		true,
		...PAYLOADS,
	] ),
	// Empty: the default scopes; orders:read alone and every scope: valid.
	...bad(
		[
			'',
			'orders:read',
			'orders:read,orders:write,products:read,products:write,customers:read',
		],
		false
	),
];

/** delivery_format: anything but woocommerce or flashnode (empty: the default). */
export const LINK_DELIVERY_FORMAT_BAD: BadValue[] = [
	...bad( [
		'xml',
		'WOOCOMMERCE',
		'woocommerce,flashnode',
		' woocommerce',
		'flashnode\u0000',
		'a'.repeat( 21 ),
		MB,
		...NOT_STRINGS,
		[ 'woocommerce' ],
		{ a: 'woocommerce' },
		1,
		true,
		...PAYLOADS,
	] ),
	...bad( [ '', 'woocommerce', 'flashnode' ], false ),
];

/**
 * Every argument of the link, broken.
 *
 * @param sample Only the first few of each URL list (for the route that repeats them).
 */
export const linkArguments = (
	sample = false
): Record< string, BadValue[] > => ( {
	service_name: SERVICE_NAME_BAD,
	callback_url: REQUIRED_URL_BAD.slice( 0, sample ? 20 : undefined ),
	return_url: REQUIRED_URL_BAD,
	webhook_url: WEBHOOK_URL_BAD.slice( 0, sample ? 20 : undefined ),
	topics: LINK_TOPICS_BAD,
	order_statuses: LINK_STATUSES_BAD,
	delivery_format: LINK_DELIVERY_FORMAT_BAD,
	scopes: LINK_SCOPES_BAD,
} );
