/**
 * Shapes of the connection routes' answers (php/Rest/ConnectionController.php, php/Rest/ApprovalController.php),
 * re-exported by types.ts.
 */
import type { DeliveryFormat } from './delivery-types';
import type {
	ApiKeySummary,
	KeyOwner,
	KeyPermissions,
	WebhookSummary,
} from './types';

export interface HealthCall {
	time: string;
	ip: string;
	authenticated: boolean;
	status: number;
	outcome: string;
}

/** A scope in plain words (php/Connection/Scopes.php): what it allows, and whether the owner may untick it. */
export interface ScopeWords {
	id: string;
	label: string;
	allows: string;
	optional: boolean;
}

/** A service's feed reads and acknowledgements, per key (php/Feed/Consumers.php). */
export interface FeedConsumer {
	key_id: number;
	name: string;
	last_read_cursor: number | null;
	last_read_gmt: string | null;
	last_ack_gmt: string | null;
}

/** One connected service with everything it owns (GET /connection's `connections`). */
export interface ConnectionView {
	id: string;
	service_name: string;
	service_host: string;
	connected_at_utc: string;
	user_id: number;
	/** null: a 0.4 connection, whose key acts as the administrator who approved it. */
	scopes: string[] | null;
	key_ids: number[];
	webhook_ids: number[];
	order_statuses: string[];
	polling_interval_minutes: number | null;
	ip_addresses: string[];
	notifies_on_disconnect: boolean;
	/** How the plugin delivers its order changes; null: it delivers none to it (GET /deliveries has the rest). */
	delivery_format: DeliveryFormat | null;
	/** The service told the shop where to hand over a new key: the card offers "Give … its own user". */
	reconnect_url_known: boolean;
	user: KeyOwner | null;
	/** Its key can do more than its scopes: it acts as an administrator. */
	broader_than_needed: boolean;
	scope_words: ScopeWords[];
	keys: ApiKeySummary[];
	webhooks: WebhookSummary[];
	consumers: FeedConsumer[];
	/** What WooCommerce refused the service lately, newest first (php/Connection/Refusals.php). */
	refusals: Refusal[];
	/** The order statuses it transfers: its own, or the shop-wide ones it follows. */
	transfer_statuses: Array< { id: string; label: string } >;
	follows_shop_statuses: boolean;
}

export interface Refusal {
	at_utc: string;
	method: string;
	route: string;
	code: string;
	/** The scope that would allow the call; null when none does. */
	needs: string | null;
}

export interface HistoryEntry {
	event: 'connected' | 'reconnected' | 'own_user' | 'disconnected';
	service_name: string;
	service_host: string;
	time_utc: string;
	/** A disconnect's reason: owner_disconnected, plugin_uninstalled (or another code, shown as it is). */
	detail: string;
	/** Whether the service was told of the disconnect; null for other events. */
	notified: boolean | null;
}

export interface ConnectionStatus {
	/** Newest first. */
	connections: ConnectionView[];
	/** connections[0], as 0.4's page read it. */
	service: ConnectionView | null;
	history: HistoryEntry[];
	last_contact: HealthCall | null;
	last_authenticated_call: HealthCall | null;
	recent_calls: HealthCall[];
	keys: ApiKeySummary[];
	webhooks: WebhookSummary[];
}

/** POST /connection (pasted address) and POST /connection/approve. */
export interface Connected {
	connected: {
		connection_id: string;
		key_id: number;
		truncated_key: string;
		permissions: KeyPermissions;
		service_host: string;
		service_name: string;
		/** The service's own user, whom the key acts as. */
		user_login: string;
		scopes: string[];
		webhook_ids: number[];
		/** The service was connected already: its earlier key and webhooks were revoked. */
		replaced: boolean;
	};
}

/** What the service's approval link asks for (GET /connection/proposal). */
export interface Proposal {
	service_name: string;
	callback_host: string;
	return_host: string;
	webhook_host: string | null;
	topics: string[];
	/** How the plugin delivers order changes to webhook_host; null without one. */
	delivery_format: DeliveryFormat | null;
	order_statuses: string[];
	permissions: KeyPermissions;
	scopes: ScopeWords[];
	/** What no scope allows, in one sentence. */
	never: string;
	/** The connection approving would replace (the same callback host), or null. */
	replaces: { service_name: string; connected_at_utc: string } | null;
}

export interface Redirect {
	redirect: string;
}

/** DELETE /connection?id=… */
export interface Disconnected {
	disconnected: {
		id: string;
		service_name: string;
		service_host: string;
		key_ids: number[];
		webhook_ids: number[];
		notified: boolean;
	};
}
