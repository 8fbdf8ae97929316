import * as element from '@wordpress/element';

import {
	BOOT_GLOBAL,
	BootDataError,
	ROOT_ELEMENT_ID,
	parseBootData,
} from './boot-data';
import { SettingsPage } from './settings-page';
import './settings-page.scss';

/**
 * Mounts the page. WordPress 6.1 ships React 17 (no createRoot); 6.2+ ships React 18. Use what the shop has.
 *
 * @param container Element printed by the PHP settings tab.
 * @param node      The page to render.
 */
function mount( container: HTMLElement, node: JSX.Element ): void {
	const { createRoot, render } = element as typeof element & {
		createRoot?: typeof element.createRoot;
	};
	if ( typeof createRoot === 'function' ) {
		createRoot( container ).render( node );
	} else {
		render( node, container );
	}
}

function start(): void {
	const raw = ( window as unknown as Record< string, unknown > )[
		BOOT_GLOBAL
	];
	const container = document.getElementById( ROOT_ELEMENT_ID );
	if ( ! container ) {
		return;
	}
	try {
		mount( container, <SettingsPage boot={ parseBootData( raw ) } /> );
	} catch ( error ) {
		container.textContent =
			error instanceof BootDataError ? error.message : String( error );
		container.classList.add( 'notice', 'notice-error' );
	}
}

start();
