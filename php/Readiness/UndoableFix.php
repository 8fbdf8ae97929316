<?php
/**
 * A one-click fix the page can take back again.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * For fixes that change something of the plugin's own making (a block in .htaccess), not a WordPress or
 * WooCommerce setting the owner can change back in its own screen. A check offers the removal with
 * CheckResult::with_undo( $fix->id() ) while is_applied().
 */
interface UndoableFix extends Fix {

	/**
	 * Whether the fix is in place now.
	 */
	public function is_applied(): bool;

	/**
	 * The confirmation question for taking it back.
	 */
	public function undo_question(): string;

	/**
	 * Takes the fix back.
	 *
	 * @return \WP_Error|null An error the owner can act on, or null on success.
	 */
	public function remove(): ?\WP_Error;
}
