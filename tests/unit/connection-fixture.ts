/**
 * What GET /connection answers for a shop connected through the approval link (shared by the unit tests).
 */
import type {
	ApiKeySummary,
	ConnectionStatus,
	ConnectionView,
	WebhookSummary,
} from '../../src/api/types';

export const serviceKey: ApiKeySummary = {
	key_id: 7,
	description: 'Flashnode – 2026-11-20 08:00',
	truncated_key: 'abc1234',
	permissions: 'read_write',
	last_access_utc: '2026-11-23T09:50:00Z',
	user: { id: 5, name: 'Flashnode', login: 'flashnode-flashnode' },
	problem: null,
};

export const serviceWebhook: WebhookSummary = {
	id: 11,
	name: 'Flashnode – order.created',
	topic: 'order.created',
	status: 'active',
	delivery_url: 'https://connect.flashnode.example/hooks',
	failure_count: 0,
	disabled_by_failures: false,
	last_delivery: {
		time_utc: '2026-11-23T09:40:00Z',
		kind: 'delivery',
		response_code: 200,
		ok: true,
		error: '',
		duration_ms: 120,
	},
};

/** A connection made by approving the service's link: its own user with the default scopes. */
export const flashnode: ConnectionView = {
	id: 'connect-flashnode-example',
	service_name: 'Flashnode',
	service_host: 'connect.flashnode.example',
	connected_at_utc: '2026-11-20T08:00:00Z',
	user_id: 5,
	scopes: [ 'orders:read', 'orders:write', 'products:read' ],
	key_ids: [ 7 ],
	webhook_ids: [ 11 ],
	order_statuses: [ 'processing' ],
	polling_interval_minutes: 5,
	ip_addresses: [ '203.0.113.7', '203.0.113.8' ],
	notifies_on_disconnect: true,
	delivery_format: null,
	reconnect_url_known: false,
	user: { id: 5, login: 'flashnode-flashnode', name: 'Flashnode' },
	broader_than_needed: false,
	transfer_statuses: [ { id: 'processing', label: 'Processing' } ],
	follows_shop_statuses: true,
	scope_words: [
		{
			id: 'orders:read',
			label: 'Read orders',
			allows: 'See orders.',
			optional: false,
		},
		{
			id: 'orders:write',
			label: 'Update orders',
			allows: 'Mark orders as transferred.',
			optional: true,
		},
		{
			id: 'products:read',
			label: 'Read products',
			allows: 'See products.',
			optional: true,
		},
	],
	keys: [ serviceKey ],
	webhooks: [ serviceWebhook ],
	consumers: [
		{
			key_id: 7,
			name: 'Flashnode – 2026-11-20 08:00',
			last_read_cursor: 42,
			last_read_gmt: '2026-11-23T09:55:00Z',
			last_ack_gmt: null,
		},
	],
	refusals: [
		{
			at_utc: '2026-11-23T09:50:00Z',
			method: 'POST',
			route: '/wc/v3/products/12',
			code: 'woocommerce_rest_cannot_edit',
			needs: 'products:write',
		},
	],
};

/** A 0.4 connection: its key acts as the administrator who approved it, with no scopes of its own. */
export const legacyErp: ConnectionView = {
	...flashnode,
	id: 'erp-example',
	service_name: 'Old ERP',
	service_host: 'erp.example',
	connected_at_utc: '2026-01-02T10:00:00Z',
	user_id: 1,
	scopes: null,
	key_ids: [ 3 ],
	webhook_ids: [],
	order_statuses: [],
	polling_interval_minutes: null,
	ip_addresses: [],
	notifies_on_disconnect: false,
	delivery_format: null,
	user: { id: 1, login: 'admin', name: 'Ada Admin' },
	broader_than_needed: true,
	transfer_statuses: [ { id: 'completed', label: 'Completed' } ],
	follows_shop_statuses: false,
	scope_words: [],
	keys: [],
	webhooks: [],
	consumers: [],
	refusals: [],
};

export const connection: ConnectionStatus = {
	connections: [ flashnode ],
	service: flashnode,
	history: [
		{
			event: 'connected',
			service_name: 'Flashnode',
			service_host: 'connect.flashnode.example',
			time_utc: '2026-11-20T08:00:00Z',
			detail: '',
			notified: null,
		},
	],
	last_contact: {
		time: '2026-11-23T09:55:00Z',
		ip: '203.0.113.7',
		authenticated: false,
		status: 200,
		outcome: 'ok',
	},
	last_authenticated_call: null,
	recent_calls: [],
	keys: [ serviceKey ],
	webhooks: [ serviceWebhook ],
};
