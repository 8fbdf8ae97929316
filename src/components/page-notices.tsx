import { NoticeList, SnackbarList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

import { NOTICE_CONTEXT } from '../data/store';

/**
 * The page's notices from WordPress's notices store (core/notices), in the page's own context: errors stay until
 * dismissed, confirmations are snackbars that go by themselves.
 */
export function PageNotices() {
	const notices = useSelect(
		( select ) => select( noticesStore ).getNotices( NOTICE_CONTEXT ),
		[]
	);
	const { removeNotice } = useDispatch( noticesStore );
	const remove = ( id: string ) => removeNotice( id, NOTICE_CONTEXT );
	return (
		<div className="flashnode-connector__notices" data-testid="notices">
			<NoticeList
				notices={ notices.filter( ( n ) => n.type !== 'snackbar' ) }
				onRemove={ remove }
			/>
			<SnackbarList
				notices={ notices.filter( ( n ) => n.type === 'snackbar' ) }
				onRemove={ remove }
			/>
		</div>
	);
}
