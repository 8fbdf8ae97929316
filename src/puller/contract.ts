/**
 * The hand-off's fields and the signatures, as an integration service checks them (used by receiver.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Handoff {
	site_url: string;
	consumer_key: string;
	consumer_secret: string;
	key_permissions: string;
	key_id: number;
	/** The service's own user on the shop (not the owner who approved). */
	user_id: number;
	/** What that user may do: orders:read, orders:write, products:read, products:write, customers:read. */
	scopes?: string[];
	plugin_version: string;
	/** The webhooks' secret; null when the connection asked for no webhooks. */
	webhook_secret?: string | null;
	webhook_ids?: number[];
	topics?: string[];
	/** How the shop pushes order changes to the webhook address (woocommerce or flashnode); null without one. */
	delivery_format?: string | null;
	order_statuses?: string[];
	api_mode?: string;
}

/** Every field of the hand-off, in the order the shop sends them. */
export const HANDOFF_FIELDS = [
	'site_url',
	'consumer_key',
	'consumer_secret',
	'key_permissions',
	'key_id',
	'user_id',
	'scopes',
	'plugin_version',
	'webhook_secret',
	'webhook_ids',
	'topics',
	'delivery_format',
	'order_statuses',
	'api_mode',
] as const;

/**
 * Whether a signature header (X-WC-Webhook-Signature on deliveries, X-Flashnode-Signature on the disconnect
 * notice) is the base64 HMAC-SHA256 of the raw body under the secret.
 *
 * @param body   Raw request body.
 * @param secret The webhook's secret.
 * @param header The header's value.
 */
export function verifySignature(
	body: Buffer | string,
	secret: string,
	header: string | string[] | undefined
): boolean {
	if ( typeof header !== 'string' || secret === '' ) {
		return false;
	}
	const expected = createHmac( 'sha256', secret ).update( body ).digest();
	const given = Buffer.from( header, 'base64' );
	// Constant time, so the comparison does not leak how much of a forged signature was right.
	return (
		given.length === expected.length && timingSafeEqual( given, expected )
	);
}

/**
 * Parses a hand-off body; null when it lacks a field of the contract.
 *
 * @param body Raw JSON.
 */
export function parseHandoff( body: string ): Handoff | null {
	let value: unknown;
	try {
		value = JSON.parse( body );
	} catch {
		return null;
	}
	if ( typeof value !== 'object' || value === null ) {
		return null;
	}
	const record = value as Record< string, unknown >;
	const strings = [
		'site_url',
		'consumer_key',
		'consumer_secret',
		'key_permissions',
		'plugin_version',
	];
	const numbers = [ 'key_id', 'user_id' ];
	const complete =
		strings.every( ( field ) => typeof record[ field ] === 'string' ) &&
		numbers.every( ( field ) => Number.isInteger( record[ field ] ) );
	return complete ? ( record as unknown as Handoff ) : null;
}
