import { TextControl } from '@wordpress/components';

interface UrlFieldProps {
	label: string;
	help?: string;
	value: string;
	onChange: ( value: string ) => void;
	testId: string;
}

/**
 * An https:// address the integration service gave the owner (connection address, webhook delivery address).
 *
 * @param props          Component props.
 * @param props.label    Label.
 * @param props.help     Help text under the field.
 * @param props.value    Current value.
 * @param props.onChange Called with the new value.
 * @param props.testId   data-testid of the input.
 */
export function UrlField( {
	label,
	help,
	value,
	onChange,
	testId,
}: UrlFieldProps ) {
	return (
		<TextControl
			label={ label }
			help={ help }
			type="url"
			placeholder="https://"
			value={ value }
			onChange={ onChange }
			__nextHasNoMarginBottom
			__next40pxDefaultSize
			data-testid={ testId }
		/>
	);
}
