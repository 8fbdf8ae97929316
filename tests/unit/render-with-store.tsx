/**
 * Renders part of the page with a registry of its own (the page's store and WordPress's notices store), so no
 * test sees another's loaded routes or notices, plus the page's notice area where the outcome shows.
 */
import { render } from '@testing-library/react';
import { createRegistry, RegistryProvider } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';
import type { ReactElement } from 'react';

import { PageNotices } from '../../src/components/page-notices';
import { store } from '../../src/data/store';

export function renderWithStore( ui: ReactElement, withNotices = true ) {
	const registry = createRegistry();
	registry.register( store );
	registry.register( noticesStore );
	return {
		registry,
		...render(
			<RegistryProvider value={ registry }>
				{ withNotices && <PageNotices /> }
				{ ui }
			</RegistryProvider>
		),
	};
}
