import type { WebhookSummary } from '../../src/api/types';
import { describeCall } from '../../src/panels/connection-panel';
import { problemLabel } from '../../src/panels/keys-table';
import { orderStatusChoices } from '../../src/panels/transfer-settings-panel';
import {
	deliveryLabel,
	webhookStatusLabel,
} from '../../src/panels/webhooks-table';

const webhook = ( overrides: Partial< WebhookSummary > ): WebhookSummary => ( {
	id: 7,
	name: 'Flashnode',
	topic: 'order.created',
	status: 'active',
	delivery_url: 'https://hooks.example.com/in',
	failure_count: 0,
	disabled_by_failures: false,
	last_delivery: null,
	...overrides,
} );

describe( 'orderStatusChoices', () => {
	it( 'puts processing and completed first and keeps the rest in order', () => {
		const ids = orderStatusChoices( [
			{ id: 'pending', label: 'Pending payment' },
			{ id: 'completed', label: 'Completed' },
			{ id: 'on-hold', label: 'On hold' },
			{ id: 'processing', label: 'Processing' },
		] ).map( ( status ) => status.id );
		expect( ids ).toEqual( [
			'processing',
			'completed',
			'pending',
			'on-hold',
		] );
	} );
} );

describe( 'deliveryLabel', () => {
	it( 'says when nothing was delivered yet', () => {
		expect( deliveryLabel( webhook( {} ) ) ).toBe( 'none yet' );
	} );

	it( 'names the HTTP status of a good delivery and the error of a failed test', () => {
		const base = {
			time_utc: '2026-11-23T10:00:00Z',
			duration_ms: 12,
		};
		expect(
			deliveryLabel(
				webhook( {
					last_delivery: {
						...base,
						kind: 'delivery',
						response_code: 200,
						ok: true,
						error: '',
					},
				} )
			)
		).toMatch( /delivery · delivered \(HTTP 200\)$/ );
		expect(
			deliveryLabel(
				webhook( {
					last_delivery: {
						...base,
						kind: 'test',
						response_code: 0,
						ok: false,
						error: 'cURL error 7: connection refused',
					},
				} )
			)
		).toMatch( /test · cURL error 7: connection refused$/ );
	} );
} );

describe( 'labels', () => {
	it( 'explains a webhook WooCommerce disabled after failures', () => {
		expect(
			webhookStatusLabel(
				webhook( { status: 'disabled', disabled_by_failures: true } )
			)
		).not.toBe( webhookStatusLabel( webhook( { status: 'disabled' } ) ) );
	} );

	it( 'flags keys whose owner is gone or lost the capability, and nothing else', () => {
		expect( problemLabel( 'owner_deleted' ) ).toMatch( /deleted/ );
		expect( problemLabel( 'owner_lacks_capability' ) ).toMatch(
			/manage WooCommerce/
		);
		expect( problemLabel( null ) ).toBe( '' );
	} );

	it( 'describes a missing contact as never', () => {
		expect( describeCall( null ) ).toBe( 'never' );
	} );
} );
