import { render, screen } from '@testing-library/react';

import { SettingsPage } from '../../src/settings-page';

describe( 'SettingsPage', () => {
	it( 'shows the plugin and WooCommerce versions from boot data', () => {
		render(
			<SettingsPage
				boot={ { pluginVersion: '0.1.0', wcVersion: '10.5.2' } }
			/>
		);
		expect(
			screen.getByRole( 'heading', { name: 'Flashnode Connector' } )
		).toBeInTheDocument();
		expect( screen.getByTestId( 'plugin-version' ) ).toHaveTextContent(
			'0.1.0'
		);
		expect( screen.getByTestId( 'wc-version' ) ).toHaveTextContent(
			'10.5.2'
		);
	} );

	it( 'says "unknown" rather than showing an empty WooCommerce version', () => {
		render(
			<SettingsPage boot={ { pluginVersion: '0.1.0', wcVersion: '' } } />
		);
		expect( screen.getByTestId( 'wc-version' ) ).toHaveTextContent(
			'unknown'
		);
	} );
} );
