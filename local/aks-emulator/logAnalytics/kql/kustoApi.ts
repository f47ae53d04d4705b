/**
 * The slice of `@kusto/language-service-next` (Microsoft's Kusto.Language parser and analyser, compiled to
 * JavaScript with Bridge.NET) that this engine reads. The package's own declarations describe ~1.7 MB of global
 * namespaces; these few interfaces keep the type checker fast and make the surface we depend on visible.
 * Property names are the C# ones; lists are .NET `IReadOnlyList`s (`Count`, `getItem`).
 */

export interface ReadOnlyList<T> {
  readonly Count: number;
  getItem(index: number): T;
}

export interface Diagnostic {
  readonly Code: string;
  readonly Severity: string;
  readonly Message: string;
  readonly Start: number;
  readonly Length: number;
}

export interface KustoSymbol {
  readonly Name: string;
}

/** Column, table and tuple symbols; scalar types have no columns. */
export interface TypeSymbol extends KustoSymbol {
  readonly Columns?: ReadOnlyList<ColumnSymbol>;
}

export interface ColumnSymbol extends KustoSymbol {
  readonly Type: TypeSymbol;
  /** Set when the analyser renamed or merged columns (join `Computer1`, union `Count_long`): the source columns. */
  readonly OriginalColumns: ReadOnlyList<ColumnSymbol> | null;
}

export interface TableSymbol extends TypeSymbol {
  readonly Columns: ReadOnlyList<ColumnSymbol>;
}

export interface SyntaxElement {
  readonly Kind: number;
  readonly IsToken: boolean;
  readonly IsMissing: boolean;
  readonly TextStart: number;
  readonly Width: number;
  readonly ChildCount: number;
  readonly Parent: SyntaxNode | null;
  GetChild(index: number): SyntaxElement | null;
}

export interface SyntaxToken extends SyntaxElement {
  readonly Text: string;
}

export interface SyntaxNode extends SyntaxElement {
  readonly ResultType: TypeSymbol | null;
  readonly ReferencedSymbol: KustoSymbol | null;
  GetFirstToken(): SyntaxToken | null;
}

export interface QueryRoot extends SyntaxNode {
  GetContainedSyntaxDiagnostics(): ReadOnlyList<Diagnostic>;
  GetTokenAt(position: number): SyntaxToken | null;
  GetNodeAt(position: number, length: number): SyntaxNode | null;
}

export interface KustoCode {
  readonly Syntax: QueryRoot;
  GetDiagnostics(): ReadOnlyList<Diagnostic>;
}

export type GlobalState = object;
export type DatabaseSymbol = object;

export interface KustoNamespace {
  readonly Language: {
    readonly KustoCode: { ParseAndAnalyze(text: string, globals: GlobalState): KustoCode };
    readonly GlobalState: {
      readonly Default: GlobalState & { WithDatabase(database: DatabaseSymbol): GlobalState };
    };
    readonly Symbols: {
      /** `$ctor7(name, schema "(a:string, b:long)", description)` */
      readonly TableSymbol: {
        readonly $ctor7: new (name: string, schema: string, description: string | null) => TableSymbol;
      };
      /** `$ctor2(name, alternateName, members)` */
      readonly DatabaseSymbol: {
        readonly $ctor2: new (
          name: string,
          alternateName: string | null,
          members: TableSymbol[],
        ) => DatabaseSymbol;
      };
    };
    readonly Syntax: { readonly SyntaxKind: Record<string, number> };
  };
}

export interface BridgeRuntime {
  getTypeName(value: unknown): string;
}
