/**
 * Shapes of the flashnode/v1 routes' answers (see php/Rest/*Controller.php).
 */
export type CheckStatus = 'ok' | 'warning' | 'error' | 'not_applicable';

/** One check's result; titles and questions come from the check and its fixes (php/Readiness). */
export interface CheckResult {
	id: string;
	title: string;
	status: CheckStatus;
	message: string;
	why: string;
	fix: string;
	fix_id: string | null;
	/** The confirmation question of fix_id's fix. */
	fix_question: string | null;
	/** A fix in place now that the page can take back, and its question. */
	undo_id: string | null;
	undo_question: string | null;
	details?: Record< string, unknown >;
}

export interface ReadinessReport {
	status: CheckStatus;
	checked_at: string;
	results: CheckResult[];
}

/** A fix applied or taken back: its check's new result and the fresh report it comes from. */
export interface FixOutcome {
	fix: string;
	result: CheckResult | null;
	report: ReadinessReport;
}

export type KeyPermissions = 'read' | 'write' | 'read_write';

export interface KeyOwner {
	id: number;
	name: string;
	login: string;
}

export interface ApiKeySummary {
	key_id: number;
	description: string;
	truncated_key: string;
	permissions: KeyPermissions;
	last_access_utc: string | null;
	user: KeyOwner;
	problem: null | 'owner_deleted' | 'owner_lacks_capability';
}

export interface KeysResponse {
	keys: ApiKeySummary[];
	owners: KeyOwner[];
	current_user_id: number;
}

/** The only answer that ever holds a consumer key and secret. */
export interface CreatedKey {
	key_id: number;
	user_id: number;
	consumer_key: string;
	consumer_secret: string;
	truncated_key: string;
	permissions: KeyPermissions;
}

export interface Delivery {
	time_utc: string;
	kind: 'delivery' | 'test';
	response_code: number;
	ok: boolean;
	error: string;
	duration_ms: number;
}

export interface WebhookSummary {
	id: number;
	name: string;
	topic: string;
	status: 'active' | 'paused' | 'disabled';
	delivery_url: string;
	failure_count: number;
	disabled_by_failures: boolean;
	last_delivery: Delivery | null;
}

/** A webhook topic the plugin offers (php/Webhooks); `recommended`: what order integrations need. */
export interface WebhookTopic {
	id: string;
	label: string;
	recommended: boolean;
}

export interface WebhooksResponse {
	webhooks: WebhookSummary[];
	topics: WebhookTopic[];
}

export interface RegisteredWebhooks {
	webhooks: WebhookSummary[];
	/** Shown once; null when every topic existed already. */
	secret: string | null;
	created: number[];
	kept: number[];
}

export type ApiMode = 'legacy' | 'rest_v3';

export interface Settings {
	api_mode: ApiMode;
	order_statuses: string[];
	keep_connection_on_uninstall: boolean;
}

export interface SettingsResponse {
	settings: Settings;
	order_statuses: Array< { id: string; label: string } >;
}

export * from './connection-types';
export * from './delivery-types';

/** GET /order-flow: php/Feed/OrderFlow.php's numbers. */
export interface FeedRead {
	key_id: number;
	consumer: string;
	at_gmt: string;
	cursor: number | null;
}

export interface StuckOrder {
	id: number;
	number: string;
	status: string;
	modified_gmt: string | null;
	edit_url: string;
}

export interface FlowConsumer {
	key_id: number;
	consumer: string;
	last_read: string | null;
	last_ack: string | null;
	/** The statuses this consumer transfers: its connection's own, or the shop-wide ones. */
	transfer_statuses: string[];
	/** Its own stuck orders: in its transfer statuses, not acknowledged by it. */
	stuck_orders: number;
}

export interface OrderFlowNumbers {
	last_read: FeedRead | null;
	/** Changes not read yet; null until a service reads the feed. */
	lag: number | null;
	threshold_minutes: number;
	transfer_statuses: string[];
	unacknowledged_orders: number;
	stuck_orders: StuckOrder[];
	consumers: FlowConsumer[];
	/** Changes committed after the feed had passed their cursor, in the last week (recorded again). */
	late_changes: number;
}
