/**
 * The plugin's own order deliveries (push from the change log, one POST per change), as a receiving service reads
 * and checks them (used by receiver.ts):
 *
 * - `woocommerce` format: body and headers exactly as WooCommerce's webhook (the wc/v3 order, `{"id":N}` for
 *   order.deleted; `X-WC-Webhook-Topic`, `-Resource`, `-Event`, `-Signature`, `-ID`, `-Delivery-ID`, `-Source`),
 *   `X-WC-Webhook-Signature` checked with WooCommerce's own algorithm (wcSignature());
 * - `flashnode` format: `{"change":{cursor,order_id,event,status,modified_gmt},"order":<wc/v3 order>|null}`;
 * - both: `X-Flashnode-Event-Id` (the change's cursor, the same on every retry), `X-Flashnode-Attempt` (1, 2, …)
 *   and `X-Flashnode-Signature` (base64 HMAC-SHA256 of the raw body with the webhook secret).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { verifySignature } from './contract';

export type DeliveryFormat = 'woocommerce' | 'flashnode';

/** Header that marks a push delivery of the plugin (WooCommerce's own webhooks do not send it). */
export const EVENT_ID_HEADER = 'x-flashnode-event-id';

export interface PushChange {
	cursor: number;
	order_id: number;
	event: string;
	status: string | null;
	modified_gmt: string | null;
}

/** One push delivery as the receiver got it (the order's body kept parsed, the raw bytes not). */
export interface PushDelivery {
	/** Arrival, ms since the epoch. */
	at: number;
	format: DeliveryFormat;
	/** X-Flashnode-Event-Id: the change's cursor (NaN when missing or not a number). */
	eventId: number;
	/** X-Flashnode-Attempt (NaN when missing). */
	attempt: number;
	/** X-WC-Webhook-Topic (woocommerce format), else null. */
	topic: string | null;
	/** The change object (flashnode format), else null. */
	change: PushChange | null;
	/** The order as the body carries it (null: order.deleted's `{"id":N}`, or a flashnode `"order":null`). */
	order: Record< string, unknown > | null;
	orderId: number | null;
	status: string | null;
	/** The order's date_modified_gmt in the body. */
	modifiedGmt: string | null;
	flashnodeSignatureValid: boolean;
	/** X-WC-Webhook-Signature by WooCommerce's algorithm (woocommerce format); null on the flashnode format. */
	wcSignatureValid: boolean | null;
	/** The status the receiver answered; null while unanswered (hanging) or when the sender gave up first. */
	answered: number | null;
}

const header = ( headers: IncomingHttpHeaders, name: string ) => {
	const value = headers[ name ];
	return typeof value === 'string' ? value : undefined;
};

/**
 * PHP's wp_specialchars_decode( $secret, ENT_QUOTES ): WooCommerce signs with the decoded secret.
 *
 * @param secret The webhook secret as stored.
 */
function specialcharsDecode( secret: string ): string {
	const entities: Record< string, string > = {
		'&lt;': '<',
		'&gt;': '>',
		'&quot;': '"',
		'&#034;': '"',
		'&#x22;': '"',
		'&#039;': "'",
		'&#x27;': "'",
		'&amp;': '&',
		'&#038;': '&',
		'&#x26;': '&',
	};
	return secret.replace(
		/&(?:lt|gt|quot|amp|#0?34|#x22|#0?39|#x27|#0?38|#x26);/gi,
		( entity ) => entities[ entity.toLowerCase() ] ?? entity
	);
}

/**
 * WooCommerce's webhook signature (WC_Webhook::generate_signature()): base64 of the raw HMAC-SHA256 of the
 * payload under wp_specialchars_decode( secret, ENT_QUOTES ).
 *
 * @param body   Raw request body.
 * @param secret The webhook secret.
 */
export function wcSignature( body: Buffer | string, secret: string ): string {
	return createHmac( 'sha256', specialcharsDecode( secret ) )
		.update( body )
		.digest( 'base64' );
}

/**
 * Whether X-WC-Webhook-Signature is WooCommerce's signature of the raw body (constant-time comparison).
 *
 * @param body   Raw request body.
 * @param secret The webhook secret.
 * @param given  The header's value.
 */
export function verifyWcSignature(
	body: Buffer | string,
	secret: string,
	given: string | undefined
): boolean {
	if ( given === undefined || secret === '' ) {
		return false;
	}
	const expected = Buffer.from( wcSignature( body, secret ), 'base64' );
	const actual = Buffer.from( given, 'base64' );
	return (
		actual.length === expected.length && timingSafeEqual( actual, expected )
	);
}

const asRecord = ( value: unknown ) =>
	value && typeof value === 'object' && ! Array.isArray( value )
		? ( value as Record< string, unknown > )
		: null;

/**
 * Reads one push delivery: its format (a WooCommerce topic header means `woocommerce`), the event, the order and
 * both signatures checked on the raw bytes before parsing. Null when the request is not a push delivery.
 *
 * @param headers The request's headers.
 * @param body    Raw body.
 * @param secret  The webhook secret from the hand-off ('' when none: every signature is then invalid).
 */
export function readPushDelivery(
	headers: IncomingHttpHeaders,
	body: Buffer,
	secret: string
): PushDelivery | null {
	const eventId = header( headers, EVENT_ID_HEADER );
	if ( eventId === undefined ) {
		return null;
	}
	const topic = header( headers, 'x-wc-webhook-topic' ) ?? null;
	const format: DeliveryFormat = topic === null ? 'flashnode' : 'woocommerce';
	const flashnodeSignatureValid = verifySignature(
		body,
		secret,
		headers[ 'x-flashnode-signature' ]
	);
	const wcSignatureValid =
		format === 'woocommerce'
			? verifyWcSignature(
					body,
					secret,
					header( headers, 'x-wc-webhook-signature' )
				)
			: null;
	let parsed: Record< string, unknown > | null = null;
	try {
		parsed = asRecord( JSON.parse( body.toString( 'utf8' ) ) );
	} catch {
		parsed = null;
	}
	const change =
		format === 'flashnode'
			? ( asRecord( parsed?.change ) as PushChange | null )
			: null;
	let order = format === 'flashnode' ? asRecord( parsed?.order ) : parsed;
	// order.deleted carries only {"id":N}: no order state.
	if ( order && Object.keys( order ).length === 1 && 'id' in order ) {
		order = null;
	}
	const orderId = Number( change?.order_id ?? parsed?.id );
	return {
		at: Date.now(),
		format,
		eventId: Number( eventId ),
		attempt: Number( header( headers, 'x-flashnode-attempt' ) ),
		topic,
		change,
		order,
		orderId: Number.isInteger( orderId ) ? orderId : null,
		status: typeof order?.status === 'string' ? order.status : null,
		modifiedGmt:
			typeof order?.date_modified_gmt === 'string'
				? order.date_modified_gmt
				: null,
		flashnodeSignatureValid,
		wcSignatureValid,
		answered: null,
	};
}
