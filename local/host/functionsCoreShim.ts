/**
 * Stands in for the `@azure/functions-core` module that the Azure Functions Node worker injects.
 * `@azure/functions` calls `registerFunction(metadata, handler)` from every top-level `app.http`/`app.timer`;
 * we capture exactly what the host would receive.
 */
import Module from 'node:module';

export interface BindingMetadata {
  type: string;
  direction: 'in' | 'out' | 'inout';
  [key: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, BindingMetadata>;
  retryOptions?: unknown;
}

export type FunctionCallback = (...args: unknown[]) => unknown;

export interface Registration {
  metadata: FunctionMetadata;
  handler: FunctionCallback;
}

export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';

export interface CapturedApp {
  registrations: Registration[];
  hooks: Map<string, FunctionCallback[]>;
}

const CORE_MODULE_ID = '@azure/functions-core';

let installed: CapturedApp | undefined;

/** Installs the shim once per process; later calls return the same capture. */
export function installFunctionsCoreShim(): CapturedApp {
  if (installed) return installed;
  const captured: CapturedApp = { registrations: [], hooks: new Map() };
  const core = {
    setProgrammingModel(): void {},
    getProgrammingModel(): undefined {
      return undefined;
    },
    registerFunction(metadata: FunctionMetadata, handler: FunctionCallback) {
      if (captured.registrations.some((r) => r.metadata.name === metadata.name)) {
        throw new Error(`A function named "${metadata.name}" is already registered; function names must be unique.`);
      }
      captured.registrations.push({ metadata, handler });
      return { dispose: () => removeRegistration(captured, metadata.name) };
    },
    registerHook(name: string, callback: FunctionCallback) {
      const list = captured.hooks.get(name) ?? [];
      list.push(callback);
      captured.hooks.set(name, list);
      return { dispose: () => list.splice(list.indexOf(callback), 1) };
    },
    log(): void {},
  };
  interceptRequire(core);
  installed = captured;
  return captured;
}

function removeRegistration(captured: CapturedApp, name: string): void {
  const index = captured.registrations.findIndex((r) => r.metadata.name === name);
  if (index >= 0) captured.registrations.splice(index, 1);
}

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

function interceptRequire(core: object): void {
  const moduleInternals = Module as unknown as {
    _resolveFilename: ResolveFilename;
    _cache: Record<string, unknown>;
  };
  const originalResolve = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === CORE_MODULE_ID ? CORE_MODULE_ID : originalResolve.call(this, request, ...rest);
  };
  moduleInternals._cache[CORE_MODULE_ID] = { id: CORE_MODULE_ID, filename: CORE_MODULE_ID, loaded: true, exports: core };
}
