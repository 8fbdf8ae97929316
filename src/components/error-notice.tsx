import { Notice } from '@wordpress/components';

interface ErrorNoticeProps {
	message: string | null;
	onDismiss?: () => void;
}

/**
 * A failed call's message, in the panel where it happened.
 * @param props           Component props.
 * @param props.message   The message to show; nothing renders when null.
 * @param props.onDismiss Called when the owner dismisses it.
 */
export function ErrorNotice( { message, onDismiss }: ErrorNoticeProps ) {
	if ( ! message ) {
		return null;
	}
	return (
		<Notice
			status="error"
			isDismissible={ !! onDismiss }
			onRemove={ onDismiss }
			className="flashnode-connector__notice"
		>
			{ message }
		</Notice>
	);
}
