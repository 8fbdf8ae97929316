/**
 * One button's change: busy while it runs, ignores clicks meanwhile, reports the outcome through WordPress's
 * notices, and tells the store which routes it made stale (or hands it the fresh answers it came with).
 */
import { useDispatch } from '@wordpress/data';
import { useRef, useState } from '@wordpress/element';
import { store as noticesStore } from '@wordpress/notices';

import { errorMessage } from '../api/client';
import { NOTICE_CONTEXT, store } from './store';

export interface MutationOptions< T > {
	/**
	 * Routes whose answers the change alters, loaded again afterwards (also after a failure, which the server may
	 * have recorded: a failed test delivery, a refused hand-off).
	 */
	stale?: string[];
	/** Fresh answers that came with the change, by route: no second request for them. */
	receive?: ( answer: T ) => Record< string, unknown >;
	/** A short confirmation shown as a snackbar; none when it returns null. */
	success?: ( answer: T ) => string | null;
}

export interface Mutation< A extends unknown[], T > {
	run: ( ...args: A ) => Promise< T | undefined >;
	busy: boolean;
}

export function useMutation< A extends unknown[], T >(
	perform: ( ...args: A ) => Promise< T >,
	{ stale = [], receive, success }: MutationOptions< T > = {}
): Mutation< A, T > {
	const [ busy, setBusy ] = useState( false );
	// A ref, not state: a second click in the same frame must see the first one at once.
	const running = useRef( false );
	const data = useDispatch( store ) as unknown as {
		receive: ( path: string, answer: unknown ) => void;
		invalidate: ( paths: string[] ) => Promise< void >;
	};
	const notices = useDispatch( noticesStore );

	const run = async ( ...args: A ) => {
		if ( running.current ) {
			return undefined;
		}
		running.current = true;
		setBusy( true );
		try {
			const answer = await perform( ...args );
			Object.entries( receive?.( answer ) ?? {} ).forEach(
				( [ path, fresh ] ) => data.receive( path, fresh )
			);
			const message = success?.( answer );
			if ( message ) {
				void notices.createSuccessNotice( message, {
					type: 'snackbar',
					context: NOTICE_CONTEXT,
				} );
			}
			return answer;
		} catch ( caught ) {
			void notices.createErrorNotice( errorMessage( caught ), {
				context: NOTICE_CONTEXT,
			} );
			return undefined;
		} finally {
			await data.invalidate( stale );
			running.current = false;
			setBusy( false );
		}
	};

	return { run, busy };
}
