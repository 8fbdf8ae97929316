/**
 * Loads one admin route and keeps its answer, its error and whether it is loading.
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

import { errorMessage, request } from './client';

export interface Resource< T > {
	data: T | null;
	error: string | null;
	loading: boolean;
	reload: () => Promise< void >;
	replace: ( data: T ) => void;
}

/**
 * @param path    Route under flashnode/v1, e.g. '/keys'.
 * @param version Changes whenever another panel changed what this route returns, to load it again.
 */
export function useResource< T >( path: string, version = 0 ): Resource< T > {
	const [ data, setData ] = useState< T | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	// The newest call wins: an older answer arriving late must not overwrite a newer one.
	const latest = useRef( 0 );

	const reload = useCallback( async () => {
		const call = ++latest.current;
		setLoading( true );
		try {
			const answer = await request< T >( path );
			if ( call === latest.current ) {
				setData( answer );
				setError( null );
			}
		} catch ( caught ) {
			if ( call === latest.current ) {
				setError( errorMessage( caught ) );
			}
		} finally {
			if ( call === latest.current ) {
				setLoading( false );
			}
		}
	}, [ path ] );

	useEffect( () => {
		void reload();
	}, [ reload, version ] );

	return { data, error, loading, reload, replace: setData };
}
