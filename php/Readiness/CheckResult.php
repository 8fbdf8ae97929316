<?php
/**
 * The outcome of one readiness check.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * One shape for every check, shown in the admin page and summarised by the health endpoint. Made with the
 * named constructors (ok(), warning(), error(), not_applicable()), so each call says what it means; the runner
 * stamps the check's id on it.
 */
final class CheckResult {

	public const OK             = 'ok';
	public const WARNING        = 'warning';
	public const ERROR          = 'error';
	public const NOT_APPLICABLE = 'not_applicable';

	/**
	 * Check id, e.g. 'permalinks' (set by the runner, see for_check()).
	 *
	 * @var string
	 */
	public $id = '';

	/**
	 * One of the status constants.
	 *
	 * @var string
	 */
	public $status;

	/**
	 * What was found, in a sentence.
	 *
	 * @var string
	 */
	public $message;

	/**
	 * What breaks for the integration when this is not ok.
	 *
	 * @var string
	 */
	public $why = '';

	/**
	 * What to do about it; empty when nothing needs doing.
	 *
	 * @var string
	 */
	public $fix = '';

	/**
	 * Id of the one-click fix that applies now, or null.
	 *
	 * @var string|null
	 */
	public $fix_id = null;

	/**
	 * Id of a one-click fix that is in place now and can be taken back from the page, or null.
	 *
	 * @var string|null
	 */
	public $undo_id = null;

	/**
	 * Machine-readable facts behind the message (versions, counts, the credential channel).
	 *
	 * @var array<string,mixed>
	 */
	public $details;

	/**
	 * Use the named constructors.
	 *
	 * @param string              $status  One of the status constants.
	 * @param string              $message What was found.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	private function __construct( string $status, string $message, array $details ) {
		$this->status  = $status;
		$this->message = $message;
		$this->details = $details;
	}

	/**
	 * All is well.
	 *
	 * @param string              $message What was found.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	public static function ok( string $message, array $details = array() ): self {
		return new self( self::OK, $message, $details );
	}

	/**
	 * Does not matter for this shop's integration.
	 *
	 * @param string              $message Why not.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	public static function not_applicable( string $message, array $details = array() ): self {
		return new self( self::NOT_APPLICABLE, $message, $details );
	}

	/**
	 * Works for now, or could not be verified; worth a look.
	 *
	 * @param string              $message What was found.
	 * @param string              $why     What breaks when it is not fixed.
	 * @param string              $fix     What to do.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	public static function warning( string $message, string $why, string $fix, array $details = array() ): self {
		return self::problem( self::WARNING, $message, $why, $fix, $details );
	}

	/**
	 * The integration fails until this is fixed.
	 *
	 * @param string              $message What was found.
	 * @param string              $why     What breaks.
	 * @param string              $fix     What to do.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	public static function error( string $message, string $why, string $fix, array $details = array() ): self {
		return self::problem( self::ERROR, $message, $why, $fix, $details );
	}

	/**
	 * A warning or an error.
	 *
	 * @param string              $status  WARNING or ERROR.
	 * @param string              $message What was found.
	 * @param string              $why     What breaks.
	 * @param string              $fix     What to do.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	private static function problem( string $status, string $message, string $why, string $fix, array $details ): self {
		$result      = new self( $status, $message, $details );
		$result->why = $why;
		$result->fix = $fix;
		return $result;
	}

	/**
	 * Offers a one-click fix (see Readiness::fixes()); null offers none.
	 *
	 * @param string|null $fix_id The fix's id.
	 */
	public function fixable_by( ?string $fix_id ): self {
		$this->fix_id = $fix_id;
		return $this;
	}

	/**
	 * Offers to take back a fix that is in place (see $undo_id).
	 *
	 * @param string $fix_id The fix's id.
	 */
	public function with_undo( string $fix_id ): self {
		$this->undo_id = $fix_id;
		return $this;
	}

	/**
	 * Stamps the id of the check that produced the result.
	 *
	 * @param string $id Check id.
	 */
	public function for_check( string $id ): self {
		$this->id = $id;
		return $this;
	}

	/**
	 * The result as the REST API and the cache hold it.
	 *
	 * @return array{id:string,status:string,message:string,why:string,fix:string,fix_id:?string,undo_id:?string,details:array<string,mixed>}
	 */
	public function to_array(): array {
		return array(
			'id'      => $this->id,
			'status'  => $this->status,
			'message' => $this->message,
			'why'     => $this->why,
			'fix'     => $this->fix,
			'fix_id'  => $this->fix_id,
			'undo_id' => $this->undo_id,
			'details' => $this->details,
		);
	}
}
