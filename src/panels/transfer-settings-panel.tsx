import {
	Button,
	CheckboxControl,
	RadioControl,
	Spinner,
	ToggleControl,
} from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { request } from '../api/client';
import type { ApiMode, Settings, SettingsResponse } from '../api/types';
import { Panel } from '../components/panel';
import { useMutation } from '../data/use-mutation';
import { useResource } from '../data/use-resource';

/** The statuses the integrations' guides offer; others are listed after them. */
const USUAL_STATUSES = [ 'processing', 'completed' ];

/**
 * Orders in the chosen statuses first, the shop's other statuses after.
 *
 * @param statuses The shop's statuses.
 */
export function orderStatusChoices(
	statuses: SettingsResponse[ 'order_statuses' ]
): SettingsResponse[ 'order_statuses' ] {
	const rank = ( id: string ) => {
		const index = USUAL_STATUSES.indexOf( id );
		return index === -1 ? USUAL_STATUSES.length : index;
	};
	return [ ...statuses ].sort( ( a, b ) => rank( a.id ) - rank( b.id ) );
}

/**
 * Which orders the integration transfers, which API it reads them with, and what happens on uninstall.
 */
export function TransferSettingsPanel() {
	const stored = useResource< SettingsResponse >( '/settings' );
	const [ draft, setDraft ] = useState< Settings | null >( null );
	useEffect( () => {
		if ( stored.data ) {
			setDraft( stored.data.settings );
		}
	}, [ stored.data ] );

	const save = useMutation(
		( settings: Settings ) =>
			request< SettingsResponse >( '/settings', 'POST', {
				...settings,
			} ),
		{
			receive: ( answer ) => ( { '/settings': answer } ),
			// The Legacy API check depends on the API mode.
			stale: [ '/readiness' ],
			success: () => __( 'Settings saved.', 'flashnode-connector' ),
		}
	);
	const change = ( patch: Partial< Settings > ) => {
		setDraft( ( current ) =>
			current ? { ...current, ...patch } : current
		);
	};

	return (
		<Panel
			title={ __( 'Transfer settings', 'flashnode-connector' ) }
			testId="settings-panel"
		>
			{ ! draft && <Spinner /> }
			{ draft && stored.data && (
				<div className="flashnode-connector__form-stack">
					<fieldset className="flashnode-connector__choices">
						<legend>
							<strong>
								{ __(
									'Transfer orders when their status is',
									'flashnode-connector'
								) }
							</strong>
						</legend>
						<p className="flashnode-connector__muted">
							{ __(
								'Choose "Processing" when orders must reach the back office quickly (paid orders to ship today). Choose "Completed" when orders are often edited after payment, for example returns or changed quantities, so only final orders are transferred.',
								'flashnode-connector'
							) }
						</p>
						{ orderStatusChoices( stored.data.order_statuses ).map(
							( status ) => (
								<CheckboxControl
									key={ status.id }
									label={ status.label }
									checked={ draft.order_statuses.includes(
										status.id
									) }
									onChange={ ( on: boolean ) =>
										change( {
											order_statuses: on
												? [
														...draft.order_statuses,
														status.id,
													]
												: draft.order_statuses.filter(
														( id ) =>
															id !== status.id
													),
										} )
									}
									__nextHasNoMarginBottom
								/>
							)
						) }
					</fieldset>
					<RadioControl
						label={ __(
							'The integration reads orders through',
							'flashnode-connector'
						) }
						selected={ draft.api_mode }
						options={ [
							{
								value: 'legacy',
								label: __(
									'the Legacy REST API (/wc-api/v3; needed by older integrations, a separate plugin since WooCommerce 9.0)',
									'flashnode-connector'
								),
							},
							{
								value: 'rest_v3',
								label: __(
									'the REST API v3 only (/wp-json/wc/v3; the Legacy API is not needed)',
									'flashnode-connector'
								),
							},
						] }
						onChange={ ( value: string ) =>
							change( { api_mode: value as ApiMode } )
						}
					/>
					<ToggleControl
						label={ __(
							'Keep the API keys and webhooks when Flashnode Connector is deleted',
							'flashnode-connector'
						) }
						help={ __(
							'Off (recommended): deleting the plugin revokes its keys and deletes its webhooks, so nothing keeps access to the shop.',
							'flashnode-connector'
						) }
						checked={ draft.keep_connection_on_uninstall }
						onChange={ ( on: boolean ) =>
							change( { keep_connection_on_uninstall: on } )
						}
						__nextHasNoMarginBottom
					/>
					<Button
						variant="primary"
						onClick={ () => void save.run( draft ) }
						isBusy={ save.busy }
						disabled={
							save.busy || draft.order_statuses.length === 0
						}
						data-testid="save-settings"
					>
						{ __( 'Save settings', 'flashnode-connector' ) }
					</Button>
					{ draft.order_statuses.length === 0 && (
						<p className="flashnode-connector__muted">
							{ __(
								'Choose at least one status.',
								'flashnode-connector'
							) }
						</p>
					) }
				</div>
			) }
		</Panel>
	);
}
