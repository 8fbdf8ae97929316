/**
 * The push fault run's options and results (reliability-push.ts runs it, push-judge.ts judges each connection,
 * reliability-push-report.ts writes it down).
 */
import type { FaultMode, FaultWindow } from '../../src/puller/receiver-faults';
import type { Storage } from '../../tests/e2e/order-storage';
import type { Shop } from '../../tests/e2e/shop';
import type { ApiKey } from '../../tests/e2e/support';
import type { PushVerdict } from './push-judge';
import type { BulkStats } from './reliability-bulk';

export interface PushOptions {
	shop: Shop;
	/** Read/Write key: the writers' and the ground truth's. */
	key: ApiKey;
	storage: Storage;
	/** Writers stop once the log grew by this many changes and the faults went round once. */
	targetChanges: number;
	restWriters: number;
	checkoutWriters: number;
	/** Each writer's pause between its orders (ms). */
	writerPauseMs: number;
	/** Every n-th order of a REST writer is deleted (0: none). */
	deleteEvery: number;
	/** How long each fault lasts, and the healthy gap after it. */
	faultSeconds: number;
	gapSeconds: number;
	/** Runner loops at once. */
	runners: number;
	retryDelays: number[];
	/** Bound of the whole run. */
	maxSeconds: number;
	log: ( line: string ) => void;
}

export interface PushConnectionResult {
	name: string;
	format: string;
	verdict: PushVerdict;
	faults: FaultWindow[];
	/** Per fault window of this receiver: 2xx deliveries the other receiver got meanwhile. */
	otherDuringFault: Array< {
		mode: FaultMode;
		other: number;
		/** The longest stretch of the window without a 2xx at the other receiver (from the window's start to its end). */
		longestGapSeconds: number;
	} >;
	/** Deliveries with X-Flashnode-Attempt > 1: retries the receiver saw (a down receiver sees none of its own). */
	retriedAttempts: number;
}

export interface PushResult {
	changes: number;
	orders: number;
	restOrders: number;
	checkouts: number;
	deleted: number;
	bulk: BulkStats;
	writerRequests: number;
	writerErrors: string[];
	connections: PushConnectionResult[];
	caughtUp: boolean;
	/** From the writers' end to the last missing delivery. */
	catchUpSeconds: number;
	runnerPasses: number;
	runnerErrors: string[];
	/** `wp flashnode deliveries list --format=json` at the end. */
	pluginView: string;
	seconds: number;
}
