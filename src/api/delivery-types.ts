/**
 * Shapes of the delivery routes' answers (php/Rest/DeliveriesController.php, php/Delivery/Status.php), re-exported
 * by types.ts.
 */

/** How the plugin delivers a connection's order changes (php/Connection/Connections.php DELIVERY_FORMATS). */
export type DeliveryFormat = 'woocommerce' | 'flashnode';

/** One attempt to deliver one change to one address (php/Delivery/Deliverer.php), newest first in the log. */
export interface DeliveryAttempt {
	/** ISO 8601 UTC. */
	at: string;
	/** The change's cursor: its event id, the same on every retry. */
	cursor: number;
	order_id: number;
	/** The change: created, updated, trashed, deleted, resent, … */
	event: string;
	/** The webhook topic it went out as, e.g. order.updated. */
	topic: string;
	/** 1 for the first attempt at this change. */
	attempt: number;
	/** 0 when no answer came (timeout, refused address). */
	http_status: number;
	duration_ms: number;
	/** '' after a 2xx. */
	error: string;
}

/** Where one connection's deliveries stand. */
export interface DeliveryStatus {
	connection_id: string;
	service_name: string;
	format: DeliveryFormat;
	delivery_urls: string[];
	/** Every change up to this one was delivered. */
	cursor: number;
	/** Changes waiting after the cursor. */
	undelivered: number;
	oldest_undelivered_at: string | null;
	/** Failed attempts at the waiting change so far. */
	failures: number;
	next_attempt_at: string | null;
	failing_since: string | null;
	/** Refused for longer than a week (still retried). */
	failing: boolean;
	/** The oldest waiting change is older than 15 minutes. */
	late: boolean;
	/** The last 200 attempts, newest first (GET /deliveries only). */
	log?: DeliveryAttempt[];
}

/** GET /deliveries */
export interface DeliveriesResponse {
	deliveries: DeliveryStatus[];
	/** The edit screen of an order: %d stands for its id. */
	order_edit_url: string;
}

/** POST /deliveries/{id}/retry (202). */
export interface RetryAnswer {
	delivery: DeliveryStatus;
}
