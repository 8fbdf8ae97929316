/**
 * One button's call: busy while it runs, ignores clicks meanwhile, keeps the error message.
 */
import { useCallback, useRef, useState } from '@wordpress/element';

import { errorMessage } from './client';

export interface Action< A extends unknown[], T > {
	run: ( ...args: A ) => Promise< T | undefined >;
	busy: boolean;
	error: string | null;
	clearError: () => void;
}

export function useAction< A extends unknown[], T >(
	perform: ( ...args: A ) => Promise< T >
): Action< A, T > {
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	// A ref, not state: a second click in the same frame must see the first one at once.
	const running = useRef( false );

	const run = useCallback(
		async ( ...args: A ) => {
			if ( running.current ) {
				return undefined;
			}
			running.current = true;
			setBusy( true );
			setError( null );
			try {
				return await perform( ...args );
			} catch ( caught ) {
				setError( errorMessage( caught ) );
				return undefined;
			} finally {
				running.current = false;
				setBusy( false );
			}
		},
		[ perform ]
	);

	return { run, busy, error, clearError: () => setError( null ) };
}
