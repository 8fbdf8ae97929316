import { useSelect } from '@wordpress/data';
import { __ } from '@wordpress/i18n';

import { ApprovalScreen } from './approval/approval-screen';
import { approvalLink } from './approval/link';
import type { BootData } from './boot-data';
import { ConnectPanel } from './panels/connect-panel';
import { ConnectionPanel } from './panels/connection-panel';
import { KeysPanel } from './panels/keys-panel';
import { OrderFlowPanel } from './panels/order-flow-panel';
import { ReadinessPanel } from './panels/readiness-panel';
import { TransferSettingsPanel } from './panels/transfer-settings-panel';
import { WebhooksPanel } from './panels/webhooks-panel';
import { PageNotices } from './components/page-notices';
import { store } from './data/store';
import { Panel } from './components/panel';

interface SettingsPageProps {
	boot: BootData;
}

/**
 * WooCommerce > Settings > Flashnode, in the order a shop owner works through it: get ready, connect (or
 * create a key), add webhooks, choose what to transfer, then watch the order flow and the connection. The panels share one store
 * (src/data): a change in one reloads what it made stale in the others.
 *
 * @param props      Component props.
 * @param props.boot Versions printed by PHP.
 */
export function SettingsPage( { boot }: SettingsPageProps ) {
	const settled = useSelect(
		( select ) =>
			(
				select( store ) as unknown as { isSettled: () => boolean }
			 ).isSettled(),
		[]
	);
	// A service's approval link (…&connect=1&…) shows the approval screen instead of the panels.
	const link = approvalLink( window.location.search );
	if ( link ) {
		return (
			<div className="flashnode-connector__page">
				<h2>{ __( 'Flashnode Connector', 'flashnode-connector' ) }</h2>
				<PageNotices />
				<ApprovalScreen link={ link } />
			</div>
		);
	}
	return (
		<div
			className="flashnode-connector__page"
			data-settled={ settled ? 'true' : 'false' }
		>
			<h2>{ __( 'Flashnode Connector', 'flashnode-connector' ) }</h2>
			<p className="flashnode-connector__intro">
				{ __(
					'Connects this shop to Flashnode and other order-integration services: check that the shop is ready, hand over an API key securely, register order webhooks and choose which orders are transferred.',
					'flashnode-connector'
				) }
			</p>
			<PageNotices />
			<ReadinessPanel />
			<ConnectPanel />
			<KeysPanel />
			<WebhooksPanel />
			<TransferSettingsPanel />
			<OrderFlowPanel />
			<ConnectionPanel />
			<Panel title={ __( 'About this shop', 'flashnode-connector' ) }>
				<dl className="flashnode-connector__facts">
					<dt>{ __( 'Plugin version', 'flashnode-connector' ) }</dt>
					<dd data-testid="plugin-version">{ boot.pluginVersion }</dd>
					<dt>
						{ __( 'WooCommerce version', 'flashnode-connector' ) }
					</dt>
					<dd data-testid="wc-version">
						{ boot.wcVersion ||
							__( 'unknown', 'flashnode-connector' ) }
					</dd>
				</dl>
			</Panel>
		</div>
	);
}
