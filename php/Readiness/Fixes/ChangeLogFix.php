<?php
/**
 * Creates the order change log's table again.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Fixes;

use Flashnode\Connector\Feed\ChangeLogSchema;
use Flashnode\Connector\Readiness\Fix;

defined( 'ABSPATH' ) || exit;

/**
 * Runs the same install as activation (ChangeLogSchema::install()): the table is created if missing, every order
 * that exists gets its 'existing' row, and the log is marked installed only when the table is really there.
 */
final class ChangeLogFix implements Fix {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'change_log';
	}

	/**
	 * {@inheritDoc}
	 */
	public function check_id(): string {
		return 'change_log';
	}

	/**
	 * {@inheritDoc}
	 */
	public function question(): string {
		return __( 'Create the order change log\'s table again? Orders that exist now are listed in it once, so services reading the feed from the start see them all.', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( ! ChangeLogSchema::install() ) {
			$failure = ChangeLogSchema::failure();
			return new \WP_Error(
				'flashnode_change_log_not_created',
				/* translators: %s: the database's error message. */
				sprintf( __( 'The table could not be created: %s', 'flashnode-connector' ), null === $failure ? '' : $failure['error'] ),
				array( 'status' => 500 )
			);
		}
		return null;
	}
}
