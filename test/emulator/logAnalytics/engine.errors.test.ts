import { describe, expect, it } from 'vitest';
import { KqlSemanticError, KqlSyntaxError } from '../../../local/aks-emulator/logAnalytics/kql/kqlErrors';
import { run } from './engineFixture';

function failure(query: string): { kind: string; code?: string; message: string } {
  try {
    run(query);
  } catch (error) {
    if (error instanceof KqlSyntaxError) return { kind: 'syntax', message: error.message };
    if (error instanceof KqlSemanticError)
      return { kind: 'semantic', code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`expected "${query}" to be refused`);
}

/** Queries the evaluator must refuse, never answer: syntax and semantic errors, and KQL outside the subset. */
describe('KQL evaluator: refusals', () => {
  it.each([
    ['Pods | where', "Query could not be parsed at '<EOF>' on line [1,12]"],
    ['completely invalid syntax', "Query could not be parsed at 'invalid' on line [1,11]"],
    ['Pods\n| take 1\n| badop', "Query could not be parsed at 'badop' on line [3,2]"],
    ['Pods | project (', "Query could not be parsed at '<EOF>' on line [1,16]"],
    ['Pods | where Name == "x" "', 'Query could not be parsed at'],
  ])('reports the syntax error of %j at its token', (query, message) => {
    const refused = failure(query);
    expect(refused.kind).toBe('syntax');
    expect(refused.message).toContain(message);
  });

  it.each([
    ['Pods | where Foo == 1', "'where' operator: Failed to resolve column or scalar expression named 'Foo'"],
    ['Missing | take 1', "'take' operator: Failed to resolve table or column expression named 'Missing'"],
    ['Missing', "Failed to resolve table or column expression named 'Missing'"],
    ['Pods | extend x = Bar', "'extend' operator: Failed to resolve scalar expression named 'Bar'"],
  ])('reports the unresolved name of %j as the service does (SEM0100)', (query, message) => {
    expect(failure(query)).toEqual({ kind: 'semantic', code: 'SEM0100', message });
  });

  it.each([
    ['Pods | where foo(1) > 0', 'KS211', "The name 'foo' does not refer to any known function."],
    [
      'Pods | where TimeGenerated > "2026"',
      'KS106',
      "The operator '>' is not defined for the operand types datetime and string.",
    ],
    [
      'Pods | summarize count() by Labels',
      'KS116',
      "The value of type 'dynamic' is not allowed in this context.",
    ],
  ])('reports the official analyser diagnostic of %j', (query, code, message) => {
    expect(failure(query)).toEqual({ kind: 'semantic', code, message });
  });

  it('reports join keys of different types through the analyser', () => {
    const refused = failure(
      'Pods | project Computer | join (Pods | project Computer = RestartCount) on Computer',
    );
    expect(refused).toMatchObject({ kind: 'semantic', code: 'KS227' });
  });

  it.each([
    ['Pods | where CpuMillis == "x"', 'Cannot compare values of types real and string'],
    ['Pods | where CpuMillis in ("a")', 'Cannot compare values of types real and string'],
  ])('refuses the type mismatch of %j that the analyser lets through', (query, message) => {
    const refused = failure(query);
    expect(refused.code).toBe('EmulatorTypeCheck');
    expect(refused.message).toContain(message);
  });

  it.each([
    ['Pods | mv-expand Labels', "The 'mv-expand' operator"],
    ['Pods | count', "The 'count' operator"],
    ['Pods | project-rename N = Name', "The 'project-rename' operator"],
    ['Pods | parse Name with a "-" b', "The 'parse' operator"],
    ['print 1', "'print'"],
    ['Pods | where Name matches regex "x"', 'matches regex'],
    ['Pods | where Name endswith "1"', 'endswith'],
    ['Pods | where Name has_any ("a")', 'has_any'],
    ['Pods | project strcat(Name, "x")', "The function 'strcat()'"],
    ['Pods | project iif(true, 1, 2)', "The function 'iif()'"],
    ['Pods | project toint(TimeGenerated)', 'toint() of a datetime'],
    ['Pods | summarize stdev(CpuMillis)', "The aggregation function 'stdev()'"],
    ['Pods | summarize x = count() * 2', "The summarize expression 'count ( ) * 2'"],
    ['Pods | join kind=fullouter (Nodes) on Computer', "'join kind=fullouter'"],
    ['Pods | join kind=leftanti (Nodes) on Computer', "'join kind=leftanti'"],
    ['union kind=inner Pods, Nodes', "'union kind=inner'"],
    ['Pods | union withsource=T Nodes', "The 'withsource' parameter of 'union'"],
    ['Pods | take 1; Nodes | take 1', 'several result statements'],
    ['let f = (x:long) { x + 1 }; Pods | extend y = f(1)', "The user-defined function 'f'"],
    ['Pods | extend x = decimal(1.5)', "type 'decimal'"],
    ['Pods | where Labels.a * 2 > 1', "The arithmetic 'dynamic * long'"],
  ])('refuses %j by name as outside the emulator subset', (query, named) => {
    const refused = failure(query);
    expect(refused.code).toBe('EmulatorUnsupported');
    expect(refused.message).toContain(named);
    expect(refused.message).toContain('is not supported by the Log Analytics emulator');
  });

  it('accepts query hints, which do not change results', () => {
    expect(run('Pods | summarize hint.strategy=shuffle count() by Namespace').rows).toHaveLength(3);
  });
});
