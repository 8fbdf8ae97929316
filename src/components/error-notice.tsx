import { Notice } from '@wordpress/components';

interface ErrorNoticeProps {
	message: string | null;
	onDismiss?: () => void;
}

/**
 * A failed call's message, in the panel where it happened.
 * @param root0
 * @param root0.message
 * @param root0.onDismiss
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
