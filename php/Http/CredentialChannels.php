<?php
/**
 * Which server variables carried HTTP Basic credentials into PHP.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Hosts differ in how (and whether) the Authorization header reaches PHP. mod_php sets PHP_AUTH_USER itself;
 * CGI/FastCGI set nothing unless a rewrite or SetEnvIf rule copies the header into HTTP_AUTHORIZATION
 * (REDIRECT_HTTP_AUTHORIZATION after an internal rewrite). WordPress then fills PHP_AUTH_USER from those,
 * so the header variables are looked at first to tell the original channel.
 */
final class CredentialChannels {

	public const PHP_AUTH_USER               = 'PHP_AUTH_USER';
	public const HTTP_AUTHORIZATION          = 'HTTP_AUTHORIZATION';
	public const REDIRECT_HTTP_AUTHORIZATION = 'REDIRECT_HTTP_AUTHORIZATION';
	public const NONE                        = 'none';

	/**
	 * The channel the current request's credentials arrived through, or 'none'.
	 */
	public static function detect(): string {
		foreach ( array( self::HTTP_AUTHORIZATION, self::REDIRECT_HTTP_AUTHORIZATION ) as $variable ) {
			if ( isset( $_SERVER[ $variable ] ) && '' !== $_SERVER[ $variable ] ) {
				return $variable;
			}
		}
		return empty( $_SERVER['PHP_AUTH_USER'] ) ? self::NONE : self::PHP_AUTH_USER;
	}
}
