/**
 * The owner as a writer: bulk actions in the orders list (wp-admin, the admin's session: admin-session.ts) on the
 * orders the other writers made most recently, alternating "Change status to on-hold" and "… to completed", while
 * the REST writers and shoppers change the same orders.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Storage } from '../../tests/e2e/order-storage';
import type { AdminSession } from './admin-session';
import type { WriterStats } from './reliability-writers';

export interface BulkStats {
	/** Bulk actions applied, and the orders WooCommerce reported changed by them. */
	actions: number;
	changed: number;
}

/**
 * Bulk actions every `pauseMs` on up to `size` of the newest orders (not deleted ones), until told to stop. A
 * failed action is recorded in the writers' errors.
 *
 * @param session    The admin's session.
 * @param storage    The shop's order storage.
 * @param stats      The writers' counters (their orders; errors go there).
 * @param bulk       This writer's counters.
 * @param shouldStop Checked before each action.
 * @param size       Orders per action.
 * @param pauseMs    Between actions.
 */
export async function bulkWriter(
	session: AdminSession,
	storage: Storage,
	stats: WriterStats,
	bulk: BulkStats,
	shouldStop: () => boolean,
	size = 4,
	pauseMs = 1500
): Promise< void > {
	const actions = [ 'mark_on-hold', 'mark_completed' ];
	while ( ! shouldStop() ) {
		await sleep( pauseMs );
		const ids = stats.orderIds
			.filter( ( id ) => ! stats.deletedIds.includes( id ) )
			.slice( -size - 2, -2 );
		if ( ids.length === 0 ) {
			continue;
		}
		const action = actions[ bulk.actions % actions.length ];
		stats.requests++;
		try {
			bulk.changed += await session.bulkAction( storage, action, ids );
			bulk.actions++;
		} catch ( error ) {
			stats.errors.push( ( error as Error ).message.slice( 0, 200 ) );
		}
	}
}
