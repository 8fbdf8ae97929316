import { Button, Modal } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface ConfirmButtonProps {
	label: string;
	/** What will happen, in the owner's words; shown in the dialog. */
	question: string;
	confirmLabel: string;
	onConfirm: () => void;
	busy?: boolean;
	destructive?: boolean;
	variant?: 'primary' | 'secondary' | 'tertiary';
	testId?: string;
}

/**
 * A button that asks first: for actions that change the shop (fixes) or cannot be undone (revoking a key).
 * @param props              Component props.
 * @param props.label        Text of the button that opens the confirmation.
 * @param props.question     What the owner confirms.
 * @param props.confirmLabel Text of the confirming button.
 * @param props.onConfirm    Runs after confirmation.
 * @param props.busy         Disables the button while the action runs.
 * @param props.destructive  Styles the confirming button as destructive.
 * @param props.variant      Button variant of the opener.
 * @param props.testId       Test id of the opener.
 */
export function ConfirmButton( {
	label,
	question,
	confirmLabel,
	onConfirm,
	busy = false,
	destructive = false,
	variant = 'secondary',
	testId,
}: ConfirmButtonProps ) {
	const [ open, setOpen ] = useState( false );
	return (
		<>
			<Button
				variant={ variant }
				isDestructive={ destructive }
				isBusy={ busy }
				disabled={ busy }
				onClick={ () => setOpen( true ) }
				data-testid={ testId }
			>
				{ label }
			</Button>
			{ open && (
				<Modal
					title={ label }
					onRequestClose={ () => setOpen( false ) }
					className="flashnode-connector__confirm"
				>
					<p>{ question }</p>
					<div className="flashnode-connector__actions">
						<Button
							variant="tertiary"
							onClick={ () => setOpen( false ) }
						>
							{ __( 'Cancel', 'flashnode-connector' ) }
						</Button>
						<Button
							variant="primary"
							isDestructive={ destructive }
							onClick={ () => {
								setOpen( false );
								onConfirm();
							} }
						>
							{ confirmLabel }
						</Button>
					</div>
				</Modal>
			) }
		</>
	);
}
