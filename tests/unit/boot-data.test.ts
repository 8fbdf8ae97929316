import { BootDataError, parseBootData } from '../../src/boot-data';

describe( 'parseBootData', () => {
	it( 'returns the versions the PHP side printed', () => {
		expect(
			parseBootData( { pluginVersion: '0.1.0', wcVersion: '10.5.2' } )
		).toEqual( { pluginVersion: '0.1.0', wcVersion: '10.5.2' } );
	} );

	it( 'drops fields the app does not know', () => {
		expect(
			parseBootData( {
				pluginVersion: '0.1.0',
				wcVersion: '',
				secret: 'x',
			} )
		).toEqual( { pluginVersion: '0.1.0', wcVersion: '' } );
	} );

	it.each( [ undefined, null, 'text', 42 ] )(
		'explains that boot data is missing when given %p',
		( raw ) => {
			expect( () => parseBootData( raw ) ).toThrow(
				/boot data is missing/
			);
		}
	);

	it( 'names every field that has the wrong type', () => {
		expect( () =>
			parseBootData( { pluginVersion: 1, wcVersion: null } )
		).toThrow(
			new BootDataError(
				'Flashnode Connector boot data lacks pluginVersion, wcVersion.'
			)
		);
	} );
} );
