/**
 * One admin route's answer from the store (src/data/store.ts), loaded on first use.
 */
import { useDispatch, useSelect } from '@wordpress/data';

import { store, type ResourceState } from './store';

export interface Resource< T > {
	data: T | null;
	error: string | null;
	loading: boolean;
	/** Loads the route again now (a "Refresh" button). */
	reload: () => Promise< void >;
}

/**
 * @param path Route under flashnode/v1, e.g. '/keys'.
 */
export function useResource< T >( path: string ): Resource< T > {
	const state = useSelect(
		( select ) =>
			(
				select( store ) as unknown as {
					getResource: ( route: string ) => ResourceState;
				}
			 ).getResource( path ),
		[ path ]
	);
	const { load } = useDispatch( store ) as unknown as {
		load: ( route: string ) => Promise< void >;
	};
	return {
		data: state.data as T | null,
		error: state.error,
		loading: state.loading,
		reload: () => load( path ),
	};
}
