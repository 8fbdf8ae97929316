import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { DeliveryAttempt } from '../api/types';
import { formatTime } from '../components/format';
import {
	attemptEventLabel,
	durationLabel,
	httpStatusLabel,
	LOG_PREVIEW,
	orderEditUrl,
} from './delivery-words';

interface DeliveryLogProps {
	/** Newest first (the last 200 attempts). */
	log: DeliveryAttempt[];
	/** GET /deliveries's order_edit_url. */
	orderEditTemplate: string;
}

/**
 * A connection's delivery log: the newest attempts, then all of them on request.
 *
 * @param props                   Component props.
 * @param props.log               The attempts, newest first.
 * @param props.orderEditTemplate The edit screen of an order (%d: its id).
 */
export function DeliveryLog( { log, orderEditTemplate }: DeliveryLogProps ) {
	const [ showAll, setShowAll ] = useState( false );
	if ( log.length === 0 ) {
		return (
			<p
				className="flashnode-connector__muted"
				data-testid="delivery-log-empty"
			>
				{ __( 'No delivery attempts yet.', 'flashnode-connector' ) }
			</p>
		);
	}
	const shown = showAll ? log : log.slice( 0, LOG_PREVIEW );
	return (
		<>
			<table
				className="widefat striped flashnode-connector__delivery-log"
				data-testid="delivery-log"
			>
				<thead>
					<tr>
						<th>{ __( 'Time', 'flashnode-connector' ) }</th>
						<th>{ __( 'Order', 'flashnode-connector' ) }</th>
						<th>{ __( 'Event', 'flashnode-connector' ) }</th>
						<th>{ __( 'HTTP status', 'flashnode-connector' ) }</th>
						<th>{ __( 'Duration', 'flashnode-connector' ) }</th>
						<th>{ __( 'Error', 'flashnode-connector' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ shown.map( ( attempt, index ) => (
						<tr
							key={ `${ attempt.cursor }-${ attempt.attempt }-${ index }` }
							data-testid="delivery-attempt"
							data-ok={ attempt.error === '' ? 'true' : 'false' }
						>
							<td>{ formatTime( attempt.at ) }</td>
							<td>
								<a
									href={ orderEditUrl(
										orderEditTemplate,
										attempt.order_id
									) }
								>
									{ sprintf(
										/* translators: %d: order number. */
										__( '#%d', 'flashnode-connector' ),
										attempt.order_id
									) }
								</a>
							</td>
							<td>{ attemptEventLabel( attempt ) }</td>
							<td data-testid="delivery-http-status">
								{ httpStatusLabel( attempt ) }
							</td>
							<td>{ durationLabel( attempt.duration_ms ) }</td>
							<td data-testid="delivery-error">
								{ attempt.error }
							</td>
						</tr>
					) ) }
				</tbody>
			</table>
			{ log.length > LOG_PREVIEW && (
				<Button
					variant="link"
					onClick={ () => setShowAll( ! showAll ) }
					data-testid="delivery-log-toggle"
				>
					{ showAll
						? __( 'Show the newest only', 'flashnode-connector' )
						: sprintf(
								/* translators: %d: number of attempts. */
								__(
									'Show all %d attempts',
									'flashnode-connector'
								),
								log.length
							) }
				</Button>
			) }
		</>
	);
}
