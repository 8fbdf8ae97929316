/**
 * What the change feed lists for a push connection, read with the connection's own key: the changes its receiver
 * must get (push-judge.ts).
 */
import { request } from '../../src/puller/http';
import type { Shop } from '../../tests/e2e/shop';
import type { PushConnection } from './push-shop';

/** A change as the feed lists it. */
export interface ListedChange {
	cursor: number;
	order_id: number;
	event: string;
	status: string | null;
	modified_gmt: string | null;
}

/**
 * Every change after a cursor that the feed lists with the connection's own key (all pages).
 *
 * @param shop       The shop.
 * @param ca         Its CA.
 * @param connection The connection.
 * @param after      Cursor.
 */
export async function feedChanges(
	shop: Shop,
	ca: string,
	connection: PushConnection,
	after: number
): Promise< ListedChange[] > {
	const changes: ListedChange[] = [];
	let cursor = after;
	for (;;) {
		const response = await request(
			`${ shop.url }/wp-json/wc-flashnode/v1/changes?after=${ cursor }&limit=500`,
			{
				ca,
				credentials: {
					key: connection.handoff.consumer_key,
					secret: connection.handoff.consumer_secret,
				},
			}
		);
		if ( response.status !== 200 ) {
			throw new Error(
				`feed after ${ cursor }: HTTP ${ response.status } ${ response.body.slice( 0, 200 ) }`
			);
		}
		const page = JSON.parse( response.body ) as {
			changes: ListedChange[];
			next_cursor: number;
			has_more: boolean;
		};
		changes.push( ...page.changes );
		cursor = page.next_cursor;
		if ( ! page.has_more ) {
			return changes;
		}
	}
}
