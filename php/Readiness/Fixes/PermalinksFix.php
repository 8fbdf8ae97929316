<?php
/**
 * Sets a pretty permalink structure.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Fixes;

use Flashnode\Connector\Readiness\Fix;

defined( 'ABSPATH' ) || exit;

/**
 * Switches "Plain" permalinks to "Post name", as Settings > Permalinks would.
 */
final class PermalinksFix implements Fix {

	/** WordPress's "Post name" structure. */
	public const STRUCTURE = '/%postname%/';

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'permalinks';
	}

	/**
	 * {@inheritDoc}
	 */
	public function check_id(): string {
		return 'permalinks';
	}

	/**
	 * {@inheritDoc}
	 */
	public function question(): string {
		return __( 'Switch permalinks to "Post name"? Links to posts and pages change; WordPress redirects the old ones.', 'flashnode-connector' );
	}

	/**
	 * Only Plain permalinks are changed; a structure the owner chose is never touched.
	 */
	private function needed(): bool {
		return '' === (string) get_option( 'permalink_structure', '' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( ! $this->needed() ) {
			return new \WP_Error( 'flashnode_fix_not_needed', __( 'Permalinks are already set to a pretty structure; nothing was changed.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		global $wp_rewrite;
		$wp_rewrite->set_permalink_structure( self::STRUCTURE );
		// Hard flush writes WordPress's rewrite block to .htaccess on Apache, as saving Settings > Permalinks does.
		if ( ! function_exists( 'save_mod_rewrite_rules' ) ) {
			require_once ABSPATH . 'wp-admin/includes/misc.php';
			require_once ABSPATH . 'wp-admin/includes/file.php';
		}
		flush_rewrite_rules( true );
		return null;
	}
}
