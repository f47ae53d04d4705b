import { describe, expect, it } from 'vitest';
import { compileRouteTemplate, RouteTemplateError, splitPath } from '../../../local/host/routeTemplate';
import { httpFunctionsOf, resolveRoute } from '../../../local/host/httpFunctions';
import type { Registration } from '../../../local/host/functionsCoreShim';

const match = (template: string, path: string) => compileRouteTemplate(template).match(splitPath(path));

describe('route templates', () => {
  it.each([
    ['api/clusters/{name}', '/api/clusters/aks1', { name: 'aks1' }],
    ['api/clusters/{name}', '/API/Clusters/aks1', { name: 'aks1' }],
    ['api/clusters/{name}', '/api/clusters/a%20b', { name: 'a b' }],
    ['api/clusters/{name}', '/api/clusters/a%2Fb', { name: 'a%2Fb' }],
    ['api/items/{n:int}', '/api/items/42', { n: '42' }],
    ['api/items/{n:int}', '/api/items/-7', { n: '-7' }],
    ['api/items/{n:int?}', '/api/items', {}],
    ['api/items/{n=5}', '/api/items', { n: '5' }],
    ['api/files/{*rest}', '/api/files/a/b/c', { rest: 'a/b/c' }],
    ['api/files/{**rest}', '/api/files', {}],
    ['api/ids/{id:guid}', '/api/ids/0f8fad5b-d9cb-469f-a165-70867728950e', { id: '0f8fad5b-d9cb-469f-a165-70867728950e' }],
    ['api/x/{v:alpha:minlength(2)}', '/api/x/ab', { v: 'ab' }],
    ['api/x/{v:range(1,3)}', '/api/x/3', { v: '3' }],
    ['api/x/{v:regex(^a\\d+$)}', '/api/x/a12', { v: 'a12' }],
    ['api/x/{v:bool}', '/api/x/TRUE', { v: 'TRUE' }],
    ['api/x/{v:length(2,3)}', '/api/x/abc', { v: 'abc' }],
  ])('%s matches %s', (template, path, expected) => {
    expect(match(template, path)).toEqual(expected);
  });

  it.each([
    ['api/clusters/{name}', '/api/clusters'],
    ['api/clusters/{name}', '/api/clusters/a/b'],
    ['api/clusters/{name}', '/api/other/a'],
    ['api/items/{n:int}', '/api/items/abc'],
    ['api/items/{n:int}', '/api/items/99999999999'],
    ['api/items/{n:long}', '/api/items/1.5'],
    ['api/x/{v:alpha}', '/api/x/a1'],
    ['api/x/{v:range(1,3)}', '/api/x/4'],
    ['api/x/{v:maxlength(2)}', '/api/x/abc'],
    ['api/ids/{id:guid}', '/api/ids/not-a-guid'],
    ['api/x/{v}', '/api/x/%E0%A4%A'],
  ])('%s does not match %s', (template, path) => {
    expect(match(template, path)).toBeUndefined();
  });

  it.each([['api/{*rest}/x'], ['api/{a}/{a}'], ['api/{v:nosuch}'], ['api/pre{v}']])('rejects template %s', (template) => {
    expect(() => compileRouteTemplate(template)).toThrow(RouteTemplateError);
  });
});

describe('route resolution', () => {
  const registration = (name: string, route: string, methods: string[]): Registration => ({
    metadata: {
      name,
      bindings: { httpTrigger1: { type: 'httpTrigger', direction: 'in', route, methods, authLevel: 'anonymous' } },
    },
    handler: () => undefined,
  });
  const functions = httpFunctionsOf(
    [
      registration('byName', 'clusters/{name}', ['GET', 'PUT']),
      registration('inventory', 'clusters/inventory', ['GET']),
      registration('catchAll', 'clusters/{*rest}', ['DELETE']),
    ],
    'api',
  );

  it('prefers a literal segment over a parameter', () => {
    const resolved = resolveRoute(functions, 'GET', '/api/clusters/inventory');
    expect(resolved.kind === 'matched' && resolved.fn.name).toBe('inventory');
  });

  it('falls through to a parameter route when the literal route lacks the method', () => {
    const resolved = resolveRoute(functions, 'PUT', '/api/clusters/inventory');
    expect(resolved.kind === 'matched' && resolved.fn.name).toBe('byName');
  });

  it('answers 405 with the allowed methods when only the method is wrong', () => {
    expect(resolveRoute(functions, 'POST', '/api/clusters/aks1')).toEqual({
      kind: 'methodNotAllowed',
      allowed: ['DELETE', 'GET', 'PUT'],
    });
  });

  it('answers 404 when no template matches', () => {
    expect(resolveRoute(functions, 'GET', '/api/nothing')).toEqual({ kind: 'notFound' });
    expect(resolveRoute(functions, 'GET', '/clusters/aks1')).toEqual({ kind: 'notFound' });
  });

  it('refuses routes under the reserved admin prefix', () => {
    expect(() => httpFunctionsOf([registration('bad', 'admin/x', ['GET'])], 'api')).toThrow(/reserved/);
  });
});
