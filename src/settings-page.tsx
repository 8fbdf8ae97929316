import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { BootData } from './boot-data';

interface SettingsPageProps {
	boot: BootData;
}

/**
 * WooCommerce > Settings > Flashnode. Readiness, keys and webhooks panels join this page in later releases.
 *
 * @param props      Component props.
 * @param props.boot Versions and settings printed by PHP.
 */
export function SettingsPage( { boot }: SettingsPageProps ) {
	return (
		<div className="flashnode-connector__page">
			<h2>{ __( 'Flashnode Connector', 'flashnode-connector' ) }</h2>
			<p className="flashnode-connector__intro">
				{ __(
					'Connects this shop to Flashnode and other order-integration services.',
					'flashnode-connector'
				) }
			</p>
			<Card>
				<CardHeader>
					<strong>
						{ __( 'About this shop', 'flashnode-connector' ) }
					</strong>
				</CardHeader>
				<CardBody>
					<dl className="flashnode-connector__facts">
						<dt>
							{ __( 'Plugin version', 'flashnode-connector' ) }
						</dt>
						<dd data-testid="plugin-version">
							{ boot.pluginVersion }
						</dd>
						<dt>
							{ __(
								'WooCommerce version',
								'flashnode-connector'
							) }
						</dt>
						<dd data-testid="wc-version">
							{ boot.wcVersion ||
								__( 'unknown', 'flashnode-connector' ) }
						</dd>
					</dl>
					<p>
						{ sprintf(
							/* translators: %s: plugin version. */
							__(
								'Flashnode Connector %s is active.',
								'flashnode-connector'
							),
							boot.pluginVersion
						) }
					</p>
				</CardBody>
			</Card>
		</div>
	);
}
