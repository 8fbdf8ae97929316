/**
 * The reference puller's types (src/puller/feed-client.ts) and the change feed's schema say the same: every field
 * of a page and of a change, its JSON type and whether every answer has it. src/puller/changes.schema.json is the route's
 * live schema (tests/php/IntegratorSchemaTest.php keeps them equal), so a field added, renamed or retyped on one
 * side only fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

interface SchemaProperty {
	type: string | string[];
	properties?: Record< string, SchemaProperty >;
	required?: string[];
	items?: SchemaProperty;
}

const root = join( __dirname, '../..' );
const schema = JSON.parse(
	readFileSync( join( root, 'src/puller/changes.schema.json' ), 'utf8' )
) as SchemaProperty;
const source = ts.createSourceFile(
	'feed-client.ts',
	readFileSync( join( root, 'src/puller/feed-client.ts' ), 'utf8' ),
	ts.ScriptTarget.Latest,
	true
);

/**
 * A field as both sides can state it: its JSON types (sorted), nested fields, whether it is always there.
 */
interface Field {
	types: string[];
	required: boolean;
	fields?: Record< string, Field >;
}

function interfaceNamed( name: string ): ts.InterfaceDeclaration {
	const found = source.statements.find(
		( statement ): statement is ts.InterfaceDeclaration =>
			ts.isInterfaceDeclaration( statement ) &&
			statement.name.text === name
	);
	if ( ! found ) {
		throw new Error( `feed-client.ts has no interface ${ name }` );
	}
	return found;
}

/**
 * The JSON types of a TypeScript type, and the fields of the interface it names (or of its array's items).
 *
 * @param node A property's type.
 */
function typeOf( node: ts.TypeNode ): Omit< Field, 'required' > {
	if ( ts.isUnionTypeNode( node ) ) {
		const parts = node.types.map( typeOf );
		return {
			types: parts.flatMap( ( part ) => part.types ).sort(),
			fields: parts.find( ( part ) => part.fields )?.fields,
		};
	}
	if (
		ts.isLiteralTypeNode( node ) &&
		node.literal.kind === ts.SyntaxKind.NullKeyword
	) {
		return { types: [ 'null' ] };
	}
	if ( ts.isArrayTypeNode( node ) ) {
		return {
			types: [ 'array' ],
			fields: typeOf( node.elementType ).fields,
		};
	}
	if ( ts.isTypeReferenceNode( node ) ) {
		const name = node.typeName.getText( source );
		return name === 'Record'
			? { types: [ 'object' ] }
			: { types: [ 'object' ], fields: fieldsOfInterface( name ) };
	}
	const keywords: Partial< Record< ts.SyntaxKind, string > > = {
		[ ts.SyntaxKind.NumberKeyword ]: 'integer',
		[ ts.SyntaxKind.StringKeyword ]: 'string',
		[ ts.SyntaxKind.BooleanKeyword ]: 'boolean',
	};
	const type = keywords[ node.kind ];
	if ( ! type ) {
		throw new Error( `Cannot compare ${ node.getText( source ) }` );
	}
	return { types: [ type ] };
}

function fieldsOfInterface( name: string ): Record< string, Field > {
	const fields: Record< string, Field > = {};
	for ( const member of interfaceNamed( name ).members ) {
		if ( ts.isPropertySignature( member ) && member.type ) {
			fields[ member.name.getText( source ) ] = {
				...typeOf( member.type ),
				required: ! member.questionToken,
			};
		}
	}
	return fields;
}

function fieldsOfSchema(
	object: SchemaProperty
): Record< string, Field > | undefined {
	const properties = object.properties ?? object.items?.properties;
	const required = object.required ?? object.items?.required ?? [];
	if ( ! properties ) {
		return undefined;
	}
	const fields: Record< string, Field > = {};
	for ( const [ name, property ] of Object.entries( properties ) ) {
		const nested = fieldsOfSchema( property );
		fields[ name ] = {
			types: [ property.type ].flat().sort(),
			required: required.includes( name ),
			...( nested ? { fields: nested } : {} ),
		};
	}
	return fields;
}

describe( 'the change feed contract', () => {
	it( 'FeedPage and Change in feed-client.ts are the route’s schema', () => {
		expect( fieldsOfInterface( 'FeedPage' ) ).toEqual(
			fieldsOfSchema( schema )
		);
	} );

	it( 'notices a difference', () => {
		const renamed = JSON.parse(
			JSON.stringify( schema ).replace( '"has_more"', '"more"' )
		) as SchemaProperty;
		expect( fieldsOfInterface( 'FeedPage' ) ).not.toEqual(
			fieldsOfSchema( renamed )
		);
		const changes = schema.properties?.changes.items?.properties ?? {};
		expect( Object.keys( changes ) ).toContain( 'modified_gmt' );
	} );
} );
