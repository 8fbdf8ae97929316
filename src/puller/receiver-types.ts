/**
 * The reference receiver's shapes (receiver.ts has the contract): its options, what it records and how a test
 * drives it.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { Handoff } from './contract';
import type { PushDelivery } from './push-contract';
import type { FaultMode, Faults } from './receiver-faults';

export interface Delivery {
	/** Arrival, ms since the epoch. */
	at: number;
	path: string;
	headers: IncomingHttpHeaders;
	/** Raw body: the signature covers these exact bytes. */
	body: Buffer;
	/** Sent by the page's "Send test" (header X-Flashnode-Test: 1), not by an event in the shop. */
	test: boolean;
	/** Whether the signature matched the secret given to useWebhookSecret(); null while none was given. */
	signatureValid: boolean | null;
}

/** Header that marks the page's test deliveries (php/Webhooks/TestDelivery.php). */
export const TEST_MARKER_HEADER = 'x-flashnode-test';

export interface ReceiverOptions {
	/** PEM certificate and key to serve HTTPS with. */
	cert: string;
	key: string;
	/** 0 (default) picks a free port. */
	port?: number;
	/** Bodies larger than this are refused with 413 (default 1 MiB). */
	maxBodyBytes?: number;
}

export interface Receiver {
	/** https://127.0.0.1:<port> */
	url: string;
	handoffs: Handoff[];
	/** Every delivery (WooCommerce's webhooks and the plugin's push deliveries), in arrival order. */
	deliveries: Delivery[];
	/** The plugin's push deliveries (X-Flashnode-Event-Id), read and checked, with the status answered. */
	pushes: PushDelivery[];
	/** The fault modes' state: the current mode, the windows each was on, how many deliveries failed on purpose. */
	faults: Faults;
	/** Disconnect notices: body and whether their signature matched the hand-off's webhook secret. */
	disconnects: Array< { body: Buffer; signatureValid: boolean } >;
	/** The status the next hand-offs are answered with (default 200). */
	answerHandoffsWith: ( status: number ) => void;
	/** From now on, deliveries with a signature that does not match `secret` are answered 401, as a service would. */
	useWebhookSecret: ( secret: string ) => void;
	/** The status well-signed deliveries are answered with (default 200; any other status also overrides setFault for push deliveries). */
	answerDeliveriesWith: ( status: number ) => void;
	/** Switches the push deliveries' fault mode now (`down` closes the server, leaving it listens again). */
	setFault: ( mode: FaultMode ) => Promise< void >;
	close: () => Promise< void >;
}

/** What the reference service tells the shop about itself when it accepts a key. */
export const SERVICE_FACTS = {
	polling_interval_minutes: 5,
	ip_addresses: [ '203.0.113.10', '2001:db8::10' ],
};
