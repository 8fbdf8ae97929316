import { CheckboxControl } from '@wordpress/components';

import type { ScopeWords } from '../api/types';

interface ScopeChoiceProps {
	/** The scopes the link asks for, in plain words. */
	scopes: ScopeWords[];
	/** The optional scopes the owner left ticked. */
	chosen: string[];
	onChange: ( chosen: string[] ) => void;
	/** What no scope allows (the proposal's `never`). */
	never: string;
	disabled?: boolean;
}

/**
 * The rights of the service's own user, one checkbox each: what it allows under its name. A scope the service
 * cannot work without (orders:read) stays ticked; the owner may untick the others.
 *
 * @param props          Component props.
 * @param props.scopes   The scopes asked for.
 * @param props.chosen   The optional ones ticked.
 * @param props.onChange Gets the new choice.
 * @param props.never    What no scope allows.
 * @param props.disabled While Approve runs.
 */
export function ScopeChoice( {
	scopes,
	chosen,
	onChange,
	never,
	disabled = false,
}: ScopeChoiceProps ) {
	return (
		<>
			<fieldset
				className="flashnode-connector__choices flashnode-connector__scopes"
				data-testid="approval-scopes"
			>
				{ scopes.map( ( scope ) => (
					<CheckboxControl
						key={ scope.id }
						label={ scope.label }
						help={ scope.allows }
						checked={
							! scope.optional || chosen.includes( scope.id )
						}
						disabled={ disabled || ! scope.optional }
						onChange={ ( on: boolean ) =>
							onChange(
								on
									? [ ...chosen, scope.id ]
									: chosen.filter( ( id ) => id !== scope.id )
							)
						}
						__nextHasNoMarginBottom
					/>
				) ) }
			</fieldset>
			<p data-testid="approval-never">{ never }</p>
		</>
	);
}

/**
 * The scopes Approve sends: the ticked ones and those that cannot be unticked, in the proposal's order.
 *
 * @param scopes The scopes asked for.
 * @param chosen The optional ones ticked.
 */
export function chosenScopes(
	scopes: ScopeWords[],
	chosen: string[]
): string[] {
	return scopes
		.filter( ( scope ) => ! scope.optional || chosen.includes( scope.id ) )
		.map( ( scope ) => scope.id );
}
