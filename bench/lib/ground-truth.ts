/**
 * Ground truth for the feed's reliability: what a consumer ends with is compared with WooCommerce's own order state
 * (GET wc/v3/orders/<id>), never with the plugin's change log. Shared by tests/e2e/feed-truth.spec.ts (an
 * independent consumer written from the README), tests/e2e/reliability.spec.ts and `npm run bench:reliability`.
 *
 * The consumer side is the README's step 3, as written: apply an order only when the change's `modified_gmt` is
 * at least the one held; a `deleted` change removes it.
 */
import type { Row } from './reliability-shop';

/** What is compared of an order: enough to see a lost status change, total change or note. */
export interface OrderState {
	status: string;
	total: string;
	customer_note: string;
	date_modified_gmt: string;
}

export interface Held {
	/** The change's modified_gmt under which the state was applied (null: deleted). */
	modified: string | null;
	deleted: boolean;
	state: OrderState | null;
}

export interface FeedChange {
	order_id: number;
	event: string;
	modified_gmt: string | null;
	order?: unknown;
}

/**
 * The fields compared, from an order as wc/v3 (and the feed's include=orders) answers it.
 * @param order
 */
export function project( order: unknown ): OrderState | null {
	if ( ! order || typeof order !== 'object' ) {
		return null;
	}
	const o = order as Record< string, unknown >;
	return {
		status: String( o.status ),
		total: String( o.total ),
		customer_note: String( o.customer_note ?? '' ),
		date_modified_gmt: String( o.date_modified_gmt ),
	};
}

/**
 * The README's rule: apply when the change's modified_gmt is at least the one held (ISO strings of one format
 * compare as times).
 *
 * @param held   Order id → what the consumer holds.
 * @param change One change of the feed, with its order (include=orders).
 */
export function applyChange(
	held: Map< number, Held >,
	change: FeedChange
): void {
	if ( change.event === 'deleted' ) {
		held.set( change.order_id, {
			modified: null,
			deleted: true,
			state: null,
		} );
		return;
	}
	const current = held.get( change.order_id );
	if (
		current &&
		! current.deleted &&
		current.modified !== null &&
		( change.modified_gmt ?? '' ) < current.modified
	) {
		return;
	}
	held.set( change.order_id, {
		modified: change.modified_gmt,
		deleted: false,
		state: project( change.order ),
	} );
}

/** WooCommerce's answer for one order: its state, or null when it is gone (404). */
export type ShopState = OrderState | null;

/**
 * Orders whose consumer state differs from WooCommerce's, one line each ("order 580: status processing, shop
 * completed"). An order the consumer never received counts too.
 *
 * @param held  What the consumer ends with.
 * @param truth Order id → WooCommerce's state (null: deleted).
 */
export function judge(
	held: Map< number, Held >,
	truth: Map< number, ShopState >
): string[] {
	const wrong: string[] = [];
	for ( const [ id, shop ] of truth ) {
		const mine = held.get( id );
		if ( ! mine ) {
			wrong.push( `order ${ id }: never received` );
		} else if ( shop === null ) {
			if ( ! mine.deleted ) {
				wrong.push( `order ${ id }: deleted in the shop, held` );
			}
		} else if ( mine.deleted || ! mine.state ) {
			wrong.push( `order ${ id }: held without its order` );
		} else {
			for ( const field of [
				'status',
				'total',
				'customer_note',
				'date_modified_gmt',
			] as const ) {
				if ( mine.state[ field ] !== shop[ field ] ) {
					wrong.push(
						`order ${ id }: ${ field } ${ mine.state[ field ] }, shop ${ shop[ field ] }`
					);
				}
			}
		}
	}
	return wrong;
}

/**
 * The log's own promise, checked against the shop: per order, modified_gmt never goes backwards, and the last row
 * of an order that still exists carries WooCommerce's date_modified_gmt.
 *
 * @param rows  Change-log rows [cursor, order id, event, status, modified_gmt], in cursor order.
 * @param truth Order id → WooCommerce's state (null: deleted).
 */
export function judgeRows(
	rows: Row[],
	truth: Map< number, ShopState >
): string[] {
	const last = new Map< number, string | null >();
	const wrong: string[] = [];
	for ( const [ cursor, id, , , modified ] of rows ) {
		const before = last.get( id );
		if ( before && modified !== null && modified < before ) {
			wrong.push(
				`order ${ id }: row ${ cursor } goes back to ${ modified } from ${ before }`
			);
		}
		last.set( id, modified );
	}
	for ( const [ id, shop ] of truth ) {
		if (
			shop &&
			last.has( id ) &&
			last.get( id ) !== `${ shop.date_modified_gmt }Z`
		) {
			wrong.push(
				`order ${ id }: last row ${ last.get( id ) }, shop ${ shop.date_modified_gmt }`
			);
		}
	}
	return wrong;
}
