import type { BridgeRuntime, KustoNamespace, SyntaxElement } from './kustoApi';

/**
 * Loads the official Kusto parser on first use. `@kusto/language-service-next` ships browser-style scripts:
 * `bridge.js` installs the Bridge.NET runtime (`Bridge`, `System`) as globals and `Kusto.Language.Bridge.js`
 * then defines the global `Kusto`; in Node both attach to `global`. The minified builds are the same code and
 * load in about half the time (~0.4 s); the first analysis afterwards still takes ~1.5 s while V8 warms up.
 */
export interface KustoLanguage {
  readonly kusto: KustoNamespace;
  readonly bridge: BridgeRuntime;
  /** The C# `SyntaxKind` name of a node or token, e.g. "FilterOperator", "HasExpression". */
  readonly kindOf: (element: SyntaxElement) => string;
}

let loaded: KustoLanguage | undefined;

export function kustoLanguage(): KustoLanguage {
  loaded ??= load();
  return loaded;
}

function load(): KustoLanguage {
  /* eslint-disable @typescript-eslint/no-require-imports -- the package defines globals, it exports nothing */
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const globals = globalThis as unknown as { Kusto?: KustoNamespace; Bridge?: BridgeRuntime };
  if (globals.Kusto === undefined || globals.Bridge === undefined) {
    throw new Error('@kusto/language-service-next did not define the Kusto and Bridge globals');
  }
  const kindNames = new Map<number, string>();
  for (const [name, value] of Object.entries(globals.Kusto.Language.Syntax.SyntaxKind)) {
    if (typeof value === 'number') kindNames.set(value, name);
  }
  return {
    kusto: globals.Kusto,
    bridge: globals.Bridge,
    kindOf: (element) => kindNames.get(element.Kind) ?? `SyntaxKind(${element.Kind})`,
  };
}
