<?php
/**
 * The plugin's classes depend on each other one way: no loop of any length, between classes or between folders,
 * and Readiness and Health meet only in neutral places (Http\, Shop\), so either can change without the other.
 *
 * @package Flashnode\Connector\Tests
 */

namespace Flashnode\Connector\Tests;

/**
 * Reads the source under php/ (comments and strings left out) for the classes each class names.
 */
final class DependenciesTest extends TestCase {

	/**
	 * No class reaches itself again through the classes it uses (WebhookRegistry and DeliveryMonitor used to call
	 * each other, so did the loopback probe and its endpoint, and the wiring and the settings assets).
	 */
	public function test_no_class_depends_on_itself_through_others(): void {
		$graph = self::graph();
		$this->assertGreaterThan( 40, count( $graph ), 'The classes were found.' );
		$this->assertContains( 'Webhooks\\DeliveryLog', $graph['Webhooks\\DeliveryMonitor'], 'Same-namespace uses are seen.' );
		$this->assertContains( 'Http\\CredentialChannels', $graph['Health\\Diagnosis'], 'Imported classes are seen.' );
		foreach ( array_keys( $graph ) as $class ) {
			$loop = self::loop_through( $class, $class, $graph, array() );
			$this->assertNull( $loop, 'A dependency loop: ' . implode( ' -> ', (array) $loop ) );
		}
	}

	/**
	 * No folder reaches itself again through other folders (Feed and Health used each other; Feed -> Connection ->
	 * Webhooks -> Admin -> Feed and Rest <-> Support went round too), so a folder can be read, tested and changed
	 * with only the folders below it. A class at the top (Plugin, Settings) counts as a folder of its own: the
	 * composition root uses every folder, and Settings is below all of them.
	 */
	public function test_no_folder_depends_on_itself_through_others(): void {
		$folders = array();
		foreach ( self::graph() as $class => $uses ) {
			$from             = self::folder_of( $class );
			$folders[ $from ] = $folders[ $from ] ?? array();
			foreach ( $uses as $used ) {
				$folders[ $from ][] = self::folder_of( $used );
			}
		}
		foreach ( $folders as $folder => $uses ) {
			$folders[ $folder ] = array_values( array_diff( array_unique( $uses ), array( $folder ) ) );
		}
		$this->assertContains( 'Feed', $folders['Integrator'], 'Uses between folders are seen.' );
		foreach ( array_keys( $folders ) as $folder ) {
			$loop = self::loop_through( $folder, $folder, $folders, array() );
			$this->assertNull( $loop, 'A dependency loop between folders: ' . implode( ' -> ', (array) $loop ) );
		}
	}

	/**
	 * Readiness never uses Health; Health uses Readiness's stored report only, never a check.
	 */
	public function test_readiness_and_health_meet_in_neutral_places(): void {
		foreach ( self::graph() as $class => $uses ) {
			foreach ( $uses as $used ) {
				if ( 0 === strpos( $class, 'Readiness\\' ) ) {
					$this->assertStringStartsNotWith( 'Health\\', $used, $class );
				}
				if ( 0 === strpos( $class, 'Health\\' ) ) {
					$this->assertStringStartsNotWith( 'Readiness\\Checks\\', $used, $class );
				}
			}
		}
	}

	/**
	 * The folder of a class: its first namespace part (Readiness\Checks\HttpsCheck is in Readiness), or the class
	 * itself when it is at the top.
	 *
	 * @param string $class Class relative to Flashnode\Connector\.
	 */
	private static function folder_of( string $class ): string {
		return explode( '\\', $class )[0];
	}

	/**
	 * A path from $from back to $target, or null.
	 *
	 * @param string                 $target The class that must not be reached again.
	 * @param string                 $from   Where the walk is.
	 * @param array<string,string[]> $graph  Class (or folder) => classes (folders) it uses.
	 * @param array<string,bool>     $seen   Classes already walked from.
	 * @return string[]|null
	 */
	private static function loop_through( string $target, string $from, array $graph, array $seen ): ?array {
		foreach ( $graph[ $from ] ?? array() as $used ) {
			if ( $used === $target ) {
				return array( $from, $used );
			}
			if ( isset( $seen[ $used ] ) ) {
				continue;
			}
			$seen[ $used ] = true;
			$rest          = self::loop_through( $target, $used, $graph, $seen );
			if ( null !== $rest ) {
				return array_merge( array( $from ), $rest );
			}
		}
		return null;
	}

	/**
	 * Each class (relative to Flashnode\Connector\) with the plugin's classes its code names.
	 *
	 * @return array<string,string[]>
	 */
	private static function graph(): array {
		$root    = dirname( __DIR__, 2 ) . '/php/';
		$sources = array();
		$files   = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root, \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $files as $file ) {
			$class             = str_replace( '/', '\\', substr( (string) $file, strlen( $root ), -4 ) );
			$sources[ $class ] = self::code_of( (string) file_get_contents( (string) $file ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the repository's own source.
		}
		$graph = array();
		foreach ( $sources as $class => $code ) {
			$namespace = false === strrpos( $class, '\\' ) ? '' : substr( $class, 0, (int) strrpos( $class, '\\' ) + 1 );
			preg_match_all( '/^use Flashnode\\\\Connector\\\\([\w\\\\]+);/m', $code, $imports );
			preg_match_all( '/(?<![\w\\\\$])([A-Z]\w*)\b/', $code, $names );
			$uses = $imports[1];
			foreach ( array_unique( $names[1] ) as $name ) {
				if ( isset( $sources[ $namespace . $name ] ) ) {
					$uses[] = $namespace . $name;
				}
			}
			$graph[ $class ] = array_values( array_diff( array_unique( $uses ), array( $class ) ) );
		}
		return $graph;
	}

	/**
	 * Source without comments and string literals (a class named in a comment is not a dependency).
	 *
	 * @param string $source PHP source.
	 */
	private static function code_of( string $source ): string {
		$code = '';
		foreach ( token_get_all( $source ) as $token ) {
			if ( ! is_array( $token ) ) {
				$code .= $token;
			} elseif ( ! in_array( $token[0], array( T_COMMENT, T_DOC_COMMENT, T_CONSTANT_ENCAPSED_STRING, T_ENCAPSED_AND_WHITESPACE, T_INLINE_HTML ), true ) ) {
				$code .= $token[1];
			}
		}
		return $code;
	}
}
