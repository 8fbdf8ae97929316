/**
 * The polling window of an integration server, as pure functions.
 *
 * An order's modification time is set when WooCommerce starts saving it, but the row becomes visible only
 * when the save commits. An order saved at 12:00:00.9 and committed at 12:00:01.2 is invisible to a poll at
 * 12:00:01.0 and carries a timestamp before that poll's cursor. Polling from `cursor - overlap` catches it;
 * the integration then de-duplicates by order id and modification time.
 */

/**
 * WooCommerce's REST date format: ISO 8601 without milliseconds or zone (UTC with dates_are_gmt=true).
 * @param date
 */
export function toRestDate( date: Date ): string {
	return date.toISOString().slice( 0, 19 );
}

/**
 * Start of the next window: the cursor minus the overlap.
 * @param cursor
 * @param overlapSeconds
 */
export function windowStart( cursor: Date, overlapSeconds: number ): Date {
	if ( ! Number.isFinite( overlapSeconds ) || overlapSeconds < 0 ) {
		throw new RangeError( 'The overlap must be zero or more seconds.' );
	}
	return new Date( cursor.getTime() - overlapSeconds * 1000 );
}

export interface OrdersQuery {
	status: string;
	modifiedAfter: Date;
	page: number;
	perPage?: number;
}

/**
 * Path and query of one page of `/wp-json/wc/v3/orders`, oldest modification first.
 * @param query
 */
export function ordersPath( query: OrdersQuery ): string {
	const params = new URLSearchParams( {
		status: query.status,
		modified_after: toRestDate( query.modifiedAfter ),
		dates_are_gmt: 'true',
		orderby: 'modified',
		order: 'asc',
		per_page: String( query.perPage ?? 100 ),
		page: String( query.page ),
	} );
	return `/wp-json/wc/v3/orders?${ params.toString() }`;
}

export interface OrderStamp {
	id: number;
	date_modified_gmt: string;
}

/**
 * The next cursor: the latest modification seen, or the previous cursor when nothing came.
 * @param previous
 * @param orders
 */
export function nextCursor( previous: Date, orders: OrderStamp[] ): Date {
	return orders.reduce( ( latest, order ) => {
		const modified = new Date( `${ order.date_modified_gmt }Z` );
		return modified > latest ? modified : latest;
	}, previous );
}

/**
 * Drops orders the integration already has in this exact version (same id and modification time).
 * @param orders
 * @param seen
 */
export function unseen(
	orders: OrderStamp[],
	seen: ReadonlySet< string >
): OrderStamp[] {
	return orders.filter(
		( order ) => ! seen.has( `${ order.id }@${ order.date_modified_gmt }` )
	);
}
