import { Card, CardBody, CardHeader } from '@wordpress/components';
import type { ReactNode } from 'react';

interface PanelProps {
	title: string;
	/** Tests and the README's screenshots find the panel by it. */
	testId?: string;
	/** Buttons on the right of the title, e.g. "Refresh". */
	actions?: ReactNode;
	children: ReactNode;
}

/**
 * One section of the settings page: a card with a title (and optional actions) over its content.
 *
 * @param props          Component props.
 * @param props.title    Heading.
 * @param props.testId   data-testid of the card.
 * @param props.actions  Header buttons.
 * @param props.children Content.
 */
export function Panel( { title, testId, actions, children }: PanelProps ) {
	return (
		<Card className="flashnode-connector__panel" data-testid={ testId }>
			<CardHeader>
				<h3>{ title }</h3>
				{ actions }
			</CardHeader>
			<CardBody>{ children }</CardBody>
		</Card>
	);
}
