/**
 * What GET /connection answers for a shop connected through the approval link (shared by the unit tests).
 */
import type { ConnectionStatus } from '../../src/api/types';

export const connection: ConnectionStatus = {
	service: {
		service_host: 'connect.flashnode.example',
		connected_at_utc: '2026-11-20T08:00:00Z',
		polling_interval_minutes: 5,
		ip_addresses: [ '203.0.113.7', '203.0.113.8' ],
		service_name: 'Flashnode',
		key_id: 7,
		webhook_ids: [ 11, 12 ],
		notifies_on_disconnect: true,
	},
	history: [
		{
			event: 'connected',
			service_name: 'Flashnode',
			service_host: 'connect.flashnode.example',
			time_utc: '2026-11-20T08:00:00Z',
			detail: '',
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
	keys: [],
	webhooks: [],
};
