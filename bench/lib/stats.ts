/**
 * Medians, paired ratios and the report's number formats.
 */

export function median( values: number[] ): number {
	if ( values.length === 0 ) {
		return NaN;
	}
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ middle ]
		: ( sorted[ middle - 1 ] + sorted[ middle ] ) / 2;
}

/**
 * The p-th percentile (nearest rank): p95 of 20 values is the 19th smallest.
 *
 * @param values Samples.
 * @param p      0–100.
 */
export function percentile( values: number[], p: number ): number {
	if ( values.length === 0 ) {
		return NaN;
	}
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	return sorted[
		Math.max( 0, Math.ceil( ( p / 100 ) * sorted.length ) - 1 )
	];
}

/**
 * Median of the per-round ratios a[i] / b[i]. The two were measured back to back in the same round, so a slow
 * moment of the machine (another test run, a cron job) cancels out instead of landing on one side.
 *
 * @param a Samples of the measured route, one per round.
 * @param b Samples of the reference, same rounds.
 */
export function pairedRatio( a: number[], b: number[] ): number {
	return median( a.map( ( value, index ) => value / b[ index ] ) );
}

export const ms = ( value: number ) =>
	Number.isFinite( value ) ? value.toFixed( 1 ) : '—';
export const times = ( value: number ) =>
	Number.isFinite( value ) ? `${ value.toFixed( 3 ) }×` : '—';
export const kb = ( bytes: number ) => `${ ( bytes / 1024 ).toFixed( 1 ) } KB`;
export const yesNo = ( met: boolean ) => ( met ? 'yes' : '**no**' );

/**
 * Whether a ratio meets its target, and when it does not, whether the miss is smaller than the difference this
 * run measured between two identical requests (the noise floor): such a miss cannot be told apart from noise.
 * @param value  The measured ratio.
 * @param target The largest ratio that meets the target.
 * @param noise  The noise floor as a ratio (bare route against itself).
 */
export const meets = ( value: number, target: number, noise: number ) => {
	if ( value <= target ) {
		return 'yes';
	}
	return value - target <= Math.abs( noise - 1 )
		? '**no**, by less than the noise floor'
		: '**no**';
};
