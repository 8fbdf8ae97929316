#!/usr/bin/env node
/**
 * One closing line for `npm test`: the tests counted by jest, PHPUnit and Playwright together,
 * read from the result files each runner wrote into artifacts/.
 */
import { existsSync, readFileSync } from 'node:fs';

const read = ( file ) =>
	existsSync( file ) ? readFileSync( file, 'utf8' ) : null;
const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];

const jest = read( 'artifacts/jest-results.json' );
if ( jest ) {
	const result = JSON.parse( jest );
	totals.passed += result.numPassedTests;
	totals.failed += result.numFailedTests;
	totals.skipped += result.numPendingTests + result.numTodoTests;
} else {
	missing.push( 'jest' );
}

const junit = read( 'artifacts/phpunit.xml' );
if ( junit ) {
	const suite = junit.match( /<testsuite [^>]*>/ )?.[ 0 ] ?? '';
	const count = ( name ) =>
		Number(
			suite.match( new RegExp( ` ${ name }="(\\d+)"` ) )?.[ 1 ] ?? 0
		);
	const failed = count( 'failures' ) + count( 'errors' );
	const skipped = count( 'skipped' );
	totals.failed += failed;
	totals.skipped += skipped;
	totals.passed += count( 'tests' ) - failed - skipped;
} else {
	missing.push( 'phpunit' );
}

const e2e = read( 'artifacts/e2e-results.json' );
if ( e2e ) {
	const { stats } = JSON.parse( e2e );
	totals.passed += stats.expected;
	totals.failed += stats.unexpected + stats.flaky;
	totals.skipped += stats.skipped;
} else {
	missing.push( 'playwright' );
}

if ( missing.length ) {
	process.stdout.write( `No results from: ${ missing.join( ', ' ) }\n` );
}
process.stdout.write(
	`${ totals.passed } passed, ${ totals.failed } failed, ${ totals.skipped } skipped\n`
);
process.exit( totals.failed > 0 || missing.length > 0 ? 1 : 0 );
