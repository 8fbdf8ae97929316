<?php
/**
 * The Authorization header reaching PHP.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness\Checks;

use Flashnode\Connector\Http\CredentialChannels;
use Flashnode\Connector\Readiness\Check;
use Flashnode\Connector\Readiness\CheckResult;
use Flashnode\Connector\Readiness\Fixes\AuthorizationHeaderFix;
use Flashnode\Connector\Readiness\LoopbackProbe;

defined( 'ABSPATH' ) || exit;

/**
 * Many hosts running PHP as CGI/FastCGI drop the Authorization header, so API keys sent with Basic Auth
 * never reach WooCommerce.
 */
final class AuthorizationHeaderCheck implements Check {

	/**
	 * {@inheritDoc}
	 */
	public function id(): string {
		return 'authorization_header';
	}

	/**
	 * {@inheritDoc}
	 */
	public function title(): string {
		return __( 'Authorization header (Basic Auth)', 'flashnode-connector' );
	}

	/**
	 * {@inheritDoc}
	 *
	 * The web server's configuration is no option; applying or removing the plugin's own fix runs the checks.
	 */
	public function stale_on(): array {
		return array();
	}

	/**
	 * {@inheritDoc}
	 *
	 * @param LoopbackProbe $probe The shop's request to itself, sent with throwaway Basic credentials.
	 */
	public function run( LoopbackProbe $probe ): CheckResult {
		$seen    = $probe->result();
		$details = array( 'credential_channel' => $seen['credential_channel'] ?? '' );
		$why     = __( 'The integration sends its API key in the Authorization header (HTTP Basic Auth). If PHP never sees it, every request is refused with 401.', 'flashnode-connector' );

		if ( empty( $seen['answered'] ) ) {
			return CheckResult::warning(
				/* translators: %s: why the request failed. */
				sprintf( __( 'Could not be checked: the shop\'s request to itself failed (%s).', 'flashnode-connector' ), HttpsCheck::describe_failure( $seen ) ),
				$why,
				__( 'Confirm from outside with the health endpoint and an API key.', 'flashnode-connector' ),
				$details
			);
		}
		$fix = new AuthorizationHeaderFix();
		if ( CredentialChannels::NONE === $seen['credential_channel'] || ! $seen['credentials_intact'] ) {
			$result = CheckResult::error(
				__( 'The web server strips the Authorization header before PHP sees it.', 'flashnode-connector' ),
				$why,
				$fix->is_possible()
					? __( 'Let the plugin add a pass-through rule to .htaccess (a copy of the current file is kept), or ask your host to pass the Authorization header to PHP.', 'flashnode-connector' )
					: __( 'Ask your host to pass the Authorization header to PHP. On Apache the rule is: SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1', 'flashnode-connector' ),
				$details
			)->fixable_by( $fix->is_possible() ? $fix->id() : null );
		} else {
			$result = CheckResult::ok(
				/* translators: %s: server variable name such as PHP_AUTH_USER. */
				sprintf( __( 'The Authorization header reaches PHP (as %s).', 'flashnode-connector' ), $seen['credential_channel'] ),
				$details
			);
		}
		// The rule can be taken out again whether it helped or not (a host may ignore .htaccess).
		return $fix->is_applied() ? $result->with_undo( $fix->id() ) : $result;
	}
}
