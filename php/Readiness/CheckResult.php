<?php
/**
 * The outcome of one readiness check.
 *
 * @package Flashnode\Connector
 */

namespace Flashnode\Connector\Readiness;

defined( 'ABSPATH' ) || exit;

/**
 * One shape for every check, shown in the admin page and summarised by the health endpoint.
 */
final class CheckResult {

	public const OK             = 'ok';
	public const WARNING        = 'warning';
	public const ERROR          = 'error';
	public const NOT_APPLICABLE = 'not_applicable';

	/**
	 * Check id, e.g. 'permalinks'.
	 *
	 * @var string
	 */
	public $id;

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
	public $why;

	/**
	 * What to do about it; empty when nothing needs doing.
	 *
	 * @var string
	 */
	public $fix;

	/**
	 * Id of the one-click fix that applies now, or null.
	 *
	 * @var string|null
	 */
	public $fix_id;

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
	 * Creates a result.
	 *
	 * @param string              $id      Check id.
	 * @param string              $status  One of the status constants.
	 * @param string              $message What was found.
	 * @param string              $why     What breaks when not ok.
	 * @param string              $fix     What to do.
	 * @param string|null         $fix_id  One-click fix id, when one applies.
	 * @param array<string,mixed> $details Machine-readable facts.
	 */
	public function __construct( string $id, string $status, string $message, string $why = '', string $fix = '', ?string $fix_id = null, array $details = array() ) {
		$this->id      = $id;
		$this->status  = $status;
		$this->message = $message;
		$this->why     = $why;
		$this->fix     = $fix;
		$this->fix_id  = $fix_id;
		$this->details = $details;
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
