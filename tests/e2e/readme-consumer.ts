/**
 * A change-feed consumer written from the README's "The consumer's loop" alone, independent of the reference
 * puller (src/puller): Playwright's HTTP client, Basic auth over HTTPS, `include=orders`, step 3's rule
 * (bench/lib/ground-truth.ts applyChange), acknowledgements, the cursor kept only after them.
 */
import { request, type APIRequestContext } from '@playwright/test';

import {
	applyChange,
	type FeedChange,
	type Held,
} from '../../bench/lib/ground-truth';
import type { Shop } from './shop';
import { basicAuth, type ApiKey } from './support';

const FEED = '/wp-json/wc-flashnode/v1';

export class ReadmeConsumer {
	/** Order id → what this consumer holds. */
	readonly held = new Map< number, Held >();
	private api: APIRequestContext | null = null;

	constructor(
		private readonly shop: Shop,
		private readonly key: ApiKey,
		/** The cursor it starts from (kept in memory: the test is its durable storage). */
		public cursor: number
	) {}

	private async context(): Promise< APIRequestContext > {
		this.api ??= await request.newContext( {
			baseURL: this.shop.url,
			ignoreHTTPSErrors: true,
			extraHTTPHeaders: { Authorization: basicAuth( this.key ) },
		} );
		return this.api;
	}

	/**
	 * Steps 2–5 until the feed has nothing more: read a page, apply it, acknowledge its orders, keep next_cursor.
	 *
	 * @return Changes read.
	 */
	async poll(): Promise< number > {
		const api = await this.context();
		let read = 0;
		for (;;) {
			const response = await api.get(
				`${ FEED }/changes?after=${ this.cursor }&limit=100&include=orders`
			);
			if ( response.status() !== 200 ) {
				throw new Error(
					`changes: HTTP ${ response.status() } ${ await response.text() }`
				);
			}
			const page = ( await response.json() ) as {
				changes: FeedChange[];
				next_cursor: number;
				has_more: boolean;
			};
			page.changes.forEach( ( change ) =>
				applyChange( this.held, change )
			);
			read += page.changes.length;
			const ids = [
				...new Set(
					page.changes
						.filter( ( c ) => c.event !== 'deleted' )
						.map( ( c ) => c.order_id )
				),
			];
			if ( ids.length > 0 ) {
				const acked = await api.post( `${ FEED }/acks`, {
					data: { order_ids: ids },
				} );
				if ( acked.status() !== 200 ) {
					throw new Error(
						`acks: HTTP ${ acked.status() } ${ await acked.text() }`
					);
				}
			}
			this.cursor = page.next_cursor;
			if ( ! page.has_more ) {
				return read;
			}
		}
	}

	async close(): Promise< void > {
		await this.api?.dispose();
	}
}
