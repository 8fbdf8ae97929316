/**
 * What a delivering connection costs a shopper's checkout (issue "Push that never gives up": deliveries add
 * nothing to checkout beyond its one change-log INSERT). Store API checkouts — a cart session, add to cart,
 * checkout with cash on delivery, what the block checkout page sends (reliability-writers.ts) — timed end to end,
 * in blocks with a `woocommerce`-format connection delivering to a healthy receiver and in blocks with none,
 * in ABBA order so that the machine's drift hits both alike. The connection is made through the owner's approval
 * route before its block and removed after it, outside the timing. Part of push-bench.ts (`npm run bench`).
 */
import { performance } from 'node:perf_hooks';

import type { Receiver } from '../../src/puller/receiver';
import type { AdminSession } from './admin-session';
import { intFromEnv } from './config';
import { connectPushService, disconnectPushService } from './push-shop';
import type { ReliabilityShop } from './reliability-shop';
import { checkout, newWriterStats } from './reliability-writers';

export interface CheckoutCost {
	/** Milliseconds per checkout while a connection delivers, and while none does. */
	delivering: number[];
	none: number[];
	/** Requests of the checkouts that failed (none expected). */
	errors: string[];
	/** The orders the checkouts made (the bench deletes them). */
	orderIds: number[];
}

/**
 * Times the checkouts.
 *
 * @param rs       The shop, with the bench's key.
 * @param session  The owner's session (approval route).
 * @param receiver A healthy receiver for the connection.
 * @param blocks   Blocks of checkouts (BENCH_CHECKOUT_BLOCKS, 8: ABBA twice).
 * @param perBlock Checkouts per block (BENCH_CHECKOUT_PER_BLOCK, 5).
 */
export async function measureCheckoutCost(
	rs: ReliabilityShop,
	session: AdminSession,
	receiver: Receiver,
	blocks = intFromEnv( 'BENCH_CHECKOUT_BLOCKS', 8 ),
	perBlock = intFromEnv( 'BENCH_CHECKOUT_PER_BLOCK', 5 )
): Promise< CheckoutCost > {
	await rs.enableCashOnDelivery();
	const target = {
		url: rs.shop.url,
		ca: rs.ca,
		credentials: rs.credentials,
		productId: await rs.productId(),
	};
	const stats = newWriterStats();
	const cost: CheckoutCost = {
		delivering: [],
		none: [],
		errors: stats.errors,
		orderIds: stats.orderIds,
	};
	try {
		// A warm-up checkout: the first request of a cart session pays for caches the others find.
		await checkout( target, stats );
		for ( let block = 0; block < blocks; block++ ) {
			const delivering = block % 4 === 0 || block % 4 === 3;
			const connection = delivering
				? await connectPushService(
						session,
						receiver,
						'Bench checkout service',
						'127.0.0.1',
						'woocommerce'
					)
				: null;
			try {
				for ( let i = 0; i < perBlock; i++ ) {
					const started = performance.now();
					if ( null !== ( await checkout( target, stats ) ) ) {
						( delivering ? cost.delivering : cost.none ).push(
							performance.now() - started
						);
					}
				}
			} finally {
				if ( connection ) {
					await disconnectPushService( session, connection );
				}
			}
		}
	} finally {
		await rs.restore();
	}
	return cost;
}
