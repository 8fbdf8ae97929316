<?php
/**
 * Passes the Authorization header to PHP through .htaccess.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Fixes;

use Flashnode\Connector\Readiness\UndoableFix;

defined( 'ABSPATH' ) || exit;

/**
 * Writes `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1` into .htaccess between
 * "# BEGIN Flashnode Connector" / "# END Flashnode Connector" markers, with WordPress's own
 * insert_with_markers() — the mechanism WordPress uses for its rewrite block — so it survives permalink
 * flushes, which rewrite only WordPress's block. While the rule is in, a copy of the file as it was just before
 * is kept beside it; remove() takes exactly the block's lines out again (leaving the file as it was, byte for
 * byte, when nothing else changed it meanwhile) and deletes the copy. Apache only: other servers do not read
 * .htaccess.
 */
final class AuthorizationHeaderFix implements UndoableFix {

	/** Marker name in .htaccess. */
	public const MARKER = 'Flashnode Connector';

	/** Copy of .htaccess as it was just before the rule went in; deleted with the rule. */
	public const BACKUP_SUFFIX = '.flashnode-connector-backup';

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'authorization_header';
	}

	/**
	 * {@inheritDoc}
	 */
	public function check_id(): string {
		return 'authorization_header';
	}

	/**
	 * {@inheritDoc}
	 */
	public function question(): string {
		return __( 'Add a rule to the site\'s .htaccess file so the web server passes the Authorization header to WordPress? A copy of the file is kept, and the rule can be removed again here.', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 */
	public function undo_question(): string {
		return __( 'Take the Authorization rule out of .htaccess again? The file goes back to how it was, and if the web server strips the header, API keys sent with Basic Auth stop reaching WooCommerce.', 'flashnode-connector' );
	}

	/**
	 * Path of the .htaccess WordPress manages.
	 */
	public static function htaccess_path(): string {
		if ( ! function_exists( 'get_home_path' ) ) {
			require_once ABSPATH . 'wp-admin/includes/file.php';
		}
		return get_home_path() . '.htaccess';
	}

	/**
	 * {@inheritDoc}
	 */
	public function is_applied(): bool {
		if ( ! function_exists( 'extract_from_markers' ) ) {
			require_once ABSPATH . 'wp-admin/includes/misc.php';
		}
		return array() !== extract_from_markers( self::htaccess_path(), self::MARKER );
	}

	/**
	 * Apache, a writable .htaccess in a writable folder (for the backup beside it), and not already applied
	 * (applying twice would not help).
	 */
	public function is_possible(): bool {
		global $is_apache;
		$path     = self::htaccess_path();
		$writable = wp_is_writable( dirname( $path ) ) && ( ! file_exists( $path ) || wp_is_writable( $path ) );
		return $is_apache && $writable && ! $this->is_applied();
	}

	/**
	 * {@inheritDoc}
	 */
	public function apply(): ?\WP_Error {
		if ( $this->is_applied() ) {
			return new \WP_Error( 'flashnode_fix_not_needed', __( 'The Authorization pass-through rule is already in .htaccess; if the header is still stripped, ask your host to pass it to PHP.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		if ( ! $this->is_possible() ) {
			return new \WP_Error( 'flashnode_fix_not_possible', __( 'The rule can be written only on Apache with a writable .htaccess. Ask your host to pass the Authorization header to PHP.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		$path = self::htaccess_path();
		// is_possible() checked the folder is writable; a copy failing anyway (disk full) leaves .htaccess alone.
		if ( file_exists( $path ) && ! @copy( $path, $path . self::BACKUP_SUFFIX ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- the failure is reported below.
			return new \WP_Error( 'flashnode_fix_failed', __( 'Could not keep a copy of .htaccess, so it was left unchanged. Check the disk space and permissions of the WordPress folder.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		$lines = array(
			'# Passes the Authorization header to PHP (CGI/FastCGI drop it), so API keys sent with HTTP Basic Auth reach WooCommerce.',
			'SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1',
		);
		if ( ! insert_with_markers( $path, self::MARKER, $lines ) ) {
			return new \WP_Error( 'flashnode_fix_failed', __( 'Could not write .htaccess. Check its permissions.', 'flashnode-connector' ), array( 'status' => 409 ) );
		}
		return null;
	}

	/**
	 * {@inheritDoc}
	 *
	 * Takes the block, markers included, out of .htaccess again, and deletes the copy.
	 *
	 * WordPress's insert_with_markers() reads the file line by line (a final newline becomes an empty last line)
	 * and joins the lines with "\n" around the block it appends, so dropping exactly the block's lines and joining
	 * the rest the same way gives back the file as it was; replacing the block with a newline grew it by a blank
	 * line on every apply and remove.
	 *
	 * @return \WP_Error|null
	 */
	public function remove(): ?\WP_Error {
		$path = self::htaccess_path();
		if ( $this->is_applied() ) {
			$kept   = array();
			$inside = false;
			foreach ( explode( "\n", (string) file_get_contents( $path ) ) as $line ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
				$marker = rtrim( $line, "\r" );
				if ( '# BEGIN ' . self::MARKER === $marker || '# END ' . self::MARKER === $marker ) {
					$inside = '# BEGIN ' . self::MARKER === $marker;
					continue;
				}
				if ( ! $inside ) {
					$kept[] = $line;
				}
			}
			if ( ! wp_is_writable( $path ) || false === @file_put_contents( $path, implode( "\n", $kept ) ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_file_put_contents, WordPress.PHP.NoSilencedErrors.Discouraged -- as insert_with_markers() writes; the failure is reported below.
				return new \WP_Error( 'flashnode_fix_failed', __( 'Could not write .htaccess. Check its permissions.', 'flashnode-connector' ), array( 'status' => 409 ) );
			}
		}
		// Also when the rule is already gone (taken out by hand): the copy is the plugin's and must not stay behind.
		wp_delete_file( $path . self::BACKUP_SUFFIX );
		return null;
	}
}
