<?php
/**
 * A one-click fix for a failed check.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * A change the plugin can safely make for the shop owner, after confirmation in the page.
 */
interface Fix {

	/**
	 * Stable id, used in the REST route and as CheckResult::$fix_id.
	 */
	public function id(): string;

	/**
	 * The check to run again after applying.
	 */
	public function check_id(): string;

	/**
	 * Whether the fix can be applied on this shop now.
	 */
	public function is_possible(): bool;

	/**
	 * Applies the fix.
	 *
	 * @return \WP_Error|null An error the owner can act on, or null on success.
	 */
	public function apply(): ?\WP_Error;
}
