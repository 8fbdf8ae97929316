<?php
/**
 * Runs the real WP-CLI against the local shop, as a subprocess.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

/**
 * For the tests of `wp flashnode …` (CliTest, CliChangesTest): exit code, stdout and stderr of bin/wp-cli/wp.sh,
 * failing the test on any PHP notice from the plugin's files.
 */
trait RunsWpCli {

	/**
	 * Runs bin/wp-cli/wp.sh with arguments.
	 *
	 * @param string ...$args Command and arguments.
	 * @return array{0:int,1:string,2:string} Exit code, stdout, stderr.
	 */
	private function wp( string ...$args ): array {
		return $this->wp_with( '', ...$args );
	}

	/**
	 * Runs bin/wp-cli/wp.sh with arguments after environment assignments.
	 *
	 * @param string $env     Shell assignments, e.g. "A=b", or empty.
	 * @param string ...$args Command and arguments.
	 * @return array{0:int,1:string,2:string} Exit code, stdout, stderr.
	 */
	private function wp_with( string $env, string ...$args ): array {
		$result = $this->wp_keeping_cache( $env, ...$args );
		// The subprocess changed the database behind this process's option cache.
		wp_cache_flush();
		return $result;
	}

	/**
	 * Like wp_with(), but this process keeps what it has in memory (for tests of code that must not trust it).
	 *
	 * @param string $env     Shell assignments, or empty.
	 * @param string ...$args Command and arguments.
	 * @return array{0:int,1:string,2:string} Exit code, stdout, stderr.
	 */
	private function wp_keeping_cache( string $env, string ...$args ): array {
		$command = $env . ' bash ' . escapeshellarg( dirname( __DIR__, 2 ) . '/bin/wp-cli/wp.sh' ) . ' ' . implode( ' ', array_map( 'escapeshellarg', $args ) );
		$pipes   = array();
		$streams = array(
			1 => array( 'pipe', 'w' ),
			2 => array( 'pipe', 'w' ),
		);
		// phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.system_calls_proc_open -- runs WP-CLI as a user would.
		$process = proc_open( $command, $streams, $pipes );
		$this->assertIsResource( $process );
		$out  = (string) stream_get_contents( $pipes[1] );
		$err  = (string) stream_get_contents( $pipes[2] );
		$code = proc_close( $process );
		$this->assertStringNotContainsString( 'plugins/flashnode-connector/', $err, 'No PHP notice from the plugin.' );
		return array( $code, $out, $err );
	}

	/**
	 * Decodes JSON output.
	 *
	 * @param string $out Output.
	 * @return array<mixed>
	 */
	private function json( string $out ): array {
		$data = json_decode( $out, true );
		$this->assertIsArray( $data, $out );
		return $data;
	}
}
