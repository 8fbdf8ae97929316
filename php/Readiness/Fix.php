<?php
/**
 * A one-click fix for a failed check.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * A change the plugin can safely make for the shop owner, after confirmation in the page. A check offers it
 * with CheckResult::fixable_by( $fix->id() ).
 */
interface Fix {

	/**
	 * Stable id, used in the REST route and as CheckResult::$fix_id.
	 */
	public function id(): string;

	/**
	 * The check that shows whether the fix worked.
	 */
	public function check_id(): string;

	/**
	 * The confirmation question: what the fix changes, in the owner's words.
	 */
	public function question(): string;

	/**
	 * Applies the fix.
	 *
	 * @return \WP_Error|null An error the owner can act on, or null on success.
	 */
	public function apply(): ?\WP_Error;
}
