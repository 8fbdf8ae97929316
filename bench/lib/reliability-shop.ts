/**
 * What the reliability run sets up in the shop and reads from it, through WooCommerce's REST API (cash on
 * delivery for the storefront checkouts, the webhook WooCommerce is to disable) and the test-only change-log
 * reader (tests/e2e/support/changes.php: the ground truth, read from the table rather than through the feed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { request, type Credentials } from '../../src/puller/http';
import { repoRoot, runDueJobs, wpAsync, type Shop } from '../../tests/e2e/shop';
import type { ApiKey } from '../../tests/e2e/support';
import { project, type ShopState } from './ground-truth';

/** A change-log row: cursor, order id, event, status, modified_gmt. */
export type Row = [ number, number, string, string | null, string | null ];

const changesScript = join( repoRoot, 'tests/e2e/support/changes.php' );
const COD = '/wp-json/wc/v3/payment_gateways/cod';

export class ReliabilityShop {
	readonly ca: string;
	readonly credentials: Credentials;
	private codWasEnabled = false;
	private webhookId = 0;

	constructor(
		readonly shop: Shop,
		key: ApiKey
	) {
		this.ca = readFileSync( shop.caFile, 'utf8' );
		this.credentials = {
			key: key.consumer_key,
			secret: key.consumer_secret,
		};
	}

	/**
	 * One wc/v3 call with the key; its JSON answer, or an error naming the call.
	 *
	 * @param method HTTP method.
	 * @param path   Path and query.
	 * @param body   JSON body.
	 */
	async api( method: string, path: string, body?: unknown ) {
		const response = await request( this.shop.url + path, {
			method,
			body: body === undefined ? undefined : JSON.stringify( body ),
			headers: { 'Content-Type': 'application/json' },
			credentials: this.credentials,
			ca: this.ca,
		} );
		if ( response.status < 200 || response.status > 299 ) {
			throw new Error(
				`${ method } ${ path }: HTTP ${ response.status } ${ response.body }`
			);
		}
		return JSON.parse( response.body );
	}

	/**
	 * WooCommerce's own state of each order (null: gone), the ground truth of the reliability checks.
	 *
	 * @param ids Order ids.
	 */
	async orderStates( ids: number[] ): Promise< Map< number, ShopState > > {
		const states = new Map< number, ShopState >();
		for ( const id of ids ) {
			const response = await request(
				`${ this.shop.url }/wp-json/wc/v3/orders/${ id }`,
				{ credentials: this.credentials, ca: this.ca }
			);
			if ( response.status === 404 ) {
				states.set( id, null );
			} else if ( response.status === 200 ) {
				states.set( id, project( JSON.parse( response.body ) ) );
			} else {
				throw new Error(
					`GET order ${ id }: HTTP ${ response.status } ${ response.body }`
				);
			}
		}
		return states;
	}

	/** The newest cursor of the change log. */
	async head(): Promise< number > {
		return Number( await wpAsync( 'eval-file', changesScript, 'head' ) );
	}

	/**
	 * Every row after a cursor, as recorded.
	 *
	 * @param cursor Cursor.
	 */
	async rowsAfter( cursor: number ): Promise< Row[] > {
		return JSON.parse(
			await wpAsync(
				'eval-file',
				changesScript,
				'after',
				String( cursor )
			)
		) as Row[];
	}

	async productId(): Promise< number > {
		return (
			await this.api( 'GET', '/wp-json/wc/v3/products?per_page=1' )
		)[ 0 ].id;
	}

	/** Cash on delivery on, so a storefront checkout needs no payment service (put back by restore()). */
	async enableCashOnDelivery(): Promise< void > {
		this.codWasEnabled = ( await this.api( 'GET', COD ) ).enabled;
		await this.api( 'PUT', COD, { enabled: true } );
	}

	/**
	 * An active order.updated webhook delivering to an address that answers 500.
	 *
	 * @param deliveryUrl The failing address.
	 */
	async createFailingWebhook( deliveryUrl: string ): Promise< number > {
		this.webhookId = (
			await this.api( 'POST', '/wp-json/wc/v3/webhooks', {
				name: 'Reliability run: failing receiver',
				topic: 'order.updated',
				delivery_url: deliveryUrl,
				status: 'active',
			} )
		).id;
		return this.webhookId;
	}

	/** The webhook's status, after letting WooCommerce's queue deliver (and fail) what is due. */
	async deliverWebhooks(): Promise< string > {
		await runDueJobs();
		return this.webhookStatus();
	}

	async webhookStatus(): Promise< string > {
		return (
			await this.api(
				'GET',
				`/wp-json/wc/v3/webhooks/${ this.webhookId }`
			)
		).status;
	}

	async restore(): Promise< void > {
		if ( this.webhookId ) {
			await this.api(
				'DELETE',
				`/wp-json/wc/v3/webhooks/${ this.webhookId }?force=true`
			);
		}
		await this.api( 'PUT', COD, { enabled: this.codWasEnabled } );
	}
}
