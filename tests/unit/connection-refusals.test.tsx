import { render, screen } from '@testing-library/react';

import {
	ConnectionRefusals,
	refusalLabel,
} from '../../src/panels/connection-refusals';
import { flashnode, legacyErp } from './connection-fixture';

describe( 'refusalLabel', () => {
	it( 'names the scope that would allow the call', () => {
		expect( refusalLabel( 'QA ERP', flashnode.refusals[ 0 ] ) ).toBe(
			'QA ERP was refused POST /wc/v3/products/12: needs products:write.'
		);
	} );

	it( 'says when no scope allows it', () => {
		expect(
			refusalLabel( 'QA ERP', {
				...flashnode.refusals[ 0 ],
				method: 'PUT',
				route: '/wc/v3/payment_gateways/bacs',
				needs: null,
			} )
		).toBe(
			'QA ERP was refused PUT /wc/v3/payment_gateways/bacs, which no connection may do.'
		);
	} );
} );

describe( 'ConnectionRefusals', () => {
	it( 'lists the refusals on the card', () => {
		render( <ConnectionRefusals connection={ flashnode } /> );
		expect( screen.getByTestId( 'connection-refusals' ) ).toHaveTextContent(
			'needs products:write'
		);
	} );

	it( 'shows nothing without refusals', () => {
		const { container } = render(
			<ConnectionRefusals connection={ legacyErp } />
		);
		expect( container ).toBeEmptyDOMElement();
	} );
} );
