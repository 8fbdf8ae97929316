import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

interface SecretFieldProps {
	label: string;
	value: string;
	testId: string;
}

/**
 * A secret shown once, read-only, with a copy button.
 * @param props        Component props.
 * @param props.label  Visible label.
 * @param props.value  The secret.
 * @param props.testId Test id of the input.
 */
export function SecretField( { label, value, testId }: SecretFieldProps ) {
	// Test ids are unique on the page, so they make stable element ids too.
	const inputId = `flashnode-connector-${ testId }`;
	const [ copied, setCopied ] = useState< 'yes' | 'failed' | null >( null );
	const copy = async () => {
		try {
			await window.navigator.clipboard.writeText( value );
			setCopied( 'yes' );
		} catch {
			// No clipboard access (plain-http admin, browser policy): the owner selects the text instead.
			setCopied( 'failed' );
		}
	};
	return (
		<div className="flashnode-connector__secret">
			<label htmlFor={ inputId }>{ label }</label>
			<input
				id={ inputId }
				type="text"
				readOnly
				value={ value }
				data-testid={ testId }
				onFocus={ ( event ) => event.currentTarget.select() }
			/>
			<Button variant="secondary" onClick={ () => void copy() }>
				{ __( 'Copy', 'flashnode-connector' ) }
			</Button>
			{ copied === 'yes' && (
				<span role="status">
					{ __( 'Copied.', 'flashnode-connector' ) }
				</span>
			) }
			{ copied === 'failed' && (
				<span role="status">
					{ __(
						'Copying is blocked here; select the text and copy it.',
						'flashnode-connector'
					) }
				</span>
			) }
		</div>
	);
}
