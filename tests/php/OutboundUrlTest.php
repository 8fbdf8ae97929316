<?php
/**
 * The check of connection and webhook delivery URLs (SSRF guard).
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

use Flashnode\Connector\Http\OutboundUrl;

/**
 * Public https:// addresses only, unless WordPress's own filter says a host is external.
 */
final class OutboundUrlTest extends TestCase {

	/**
	 * Removes the filter a test added.
	 */
	protected function tearDown(): void {
		remove_filter( 'http_request_host_is_external', '__return_false', 99 );
		parent::tearDown();
	}

	/**
	 * Accepted addresses.
	 *
	 * @dataProvider accepted
	 *
	 * @param string $url URL.
	 */
	public function test_accepts( string $url ): void {
		$this->assertNull( OutboundUrl::problem( $url ) );
	}

	/**
	 * Addresses that pass.
	 *
	 * @return array<string,array{0:string}>
	 */
	public function accepted(): array {
		return array(
			'public IP'                          => array( 'https://203.0.113.10/connect?code=abc' ),
			'upper-case scheme'                  => array( 'HTTPS://203.0.113.10/connect' ),
			'explicit port 443'                  => array( 'https://203.0.113.10:443/connect' ),
			'loopback opened by the test stack'  => array( 'https://127.0.0.1:8743/receiver' ),
			'localhost opened by the test stack' => array( 'https://localhost/receiver' ),
		);
	}

	/**
	 * Refused addresses: 400 flashnode_invalid_url.
	 *
	 * @dataProvider refused
	 *
	 * @param mixed $url URL as received.
	 */
	public function test_refuses( $url ): void {
		$problem = OutboundUrl::problem( $url );
		$this->assertInstanceOf( \WP_Error::class, $problem );
		$this->assertSame( 'flashnode_invalid_url', $problem->get_error_code() );
		$this->assertSame( array( 'status' => 400 ), $problem->get_error_data() );
		$this->assertNotSame( '', $problem->get_error_message() );
	}

	/**
	 * Addresses that must not pass.
	 *
	 * @return array<string,array{0:mixed}>
	 */
	public function refused(): array {
		return array(
			'null'                => array( null ),
			'number'              => array( 443 ),
			'list'                => array( array( 'https://203.0.113.10/' ) ),
			'blank'               => array( '   ' ),
			'http'                => array( 'http://203.0.113.10/' ),
			'ftp'                 => array( 'ftp://203.0.113.10/' ),
			'file'                => array( 'file:///etc/passwd' ),
			'gopher'              => array( 'gopher://203.0.113.10:70/_payload' ),
			'javascript'          => array( 'javascript:alert(1)' ),
			'scheme-relative'     => array( '//203.0.113.10/connect' ),
			'no host'             => array( 'https:///connect' ),
			'user and password'   => array( 'https://user:pass@203.0.113.10/' ),
			'user only'           => array( 'https://user@203.0.113.10/' ),
			'private 10/8'        => array( 'https://10.0.0.1/' ),
			'private 172.16/12'   => array( 'https://172.31.255.1/' ),
			'private 192.168/16'  => array( 'https://192.168.178.1/' ),
			'link-local metadata' => array( 'https://169.254.169.254/latest/meta-data/' ),
			'carrier-grade NAT'   => array( 'https://100.64.12.1/' ),
			'this network'        => array( 'https://0.0.0.0/' ),
			'decimal 10.0.0.1'    => array( 'https://167772161/' ),
			'IPv6 loopback'       => array( 'https://[::1]/' ),
			'IPv6 unique local'   => array( 'https://[fd00::1]/' ),
			'.localhost name'     => array( 'https://shop.localhost/' ),
			'unresolvable'        => array( 'https://flashnode-php-test.invalid/' ),
			'port not allowed'    => array( 'https://203.0.113.10:22/' ),
			'space'               => array( 'https://203.0.113.10/a b' ),
			'tab'                 => array( "https://203.0.113.10/\tx" ),
			'NUL byte'            => array( "https://203.0.113.10/\0x" ),
			'invalid UTF-8'       => array( "https://203.0.113.10/\xff" ),
			'too long'            => array( 'https://203.0.113.10/' . str_repeat( 'a', OutboundUrl::MAX_LENGTH ) ),
			// PHP's resolver warns about names over 255 characters; the check must answer before it is asked.
			'host over 253 chars' => array( 'https://' . str_repeat( 'a', 300 ) . '.com/' ),
			'label over 63 chars' => array( 'https://' . str_repeat( 'a', 64 ) . '.example.com/' ),
		);
	}

	/**
	 * Without the test stack's filter (a production site), loopback is refused as well.
	 */
	public function test_loopback_needs_the_core_filter(): void {
		add_filter( 'http_request_host_is_external', '__return_false', 99 );
		foreach ( array( 'https://127.0.0.1:8743/receiver', 'https://localhost/receiver', 'https://127.1.2.3/' ) as $url ) {
			$problem = OutboundUrl::problem( $url );
			$this->assertInstanceOf( \WP_Error::class, $problem, $url );
			$this->assertSame( 'flashnode_invalid_url', $problem->get_error_code() );
		}
		$this->assertNull( OutboundUrl::problem( 'https://203.0.113.10/connect' ) );
	}
}
