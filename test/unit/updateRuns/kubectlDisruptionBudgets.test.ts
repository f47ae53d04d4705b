import { describe, expect, it } from 'vitest';
import { disruptionBudgetsFromKubectl, selects } from '../../../shared/domain/updateRuns';

const node = (name: string, pool: string) => ({ kind: 'Node', metadata: { name, labels: { 'kubernetes.azure.com/agentpool': pool } } });
const pod = (namespace: string, name: string, labels: Record<string, string>, nodeName?: string, phase = 'Running') => ({
  kind: 'Pod',
  metadata: { namespace, name, labels },
  spec: nodeName ? { nodeName } : {},
  status: { phase },
});
const pdb = (namespace: string, name: string, selector: unknown, disruptionsAllowed: number) => ({ kind: 'PodDisruptionBudget', metadata: { namespace, name }, spec: { selector }, status: { disruptionsAllowed } });

describe('kubectl get pdb,pods,nodes -A -o json → PDBs and the pools of their pods', () => {
  it('maps each PDB to the pools its selected pods run on (same namespace only; pending and finished pods sit nowhere)', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        node('aks-system-1-vmss000000', 'system'),
        node('aks-user-2-vmss000000', 'user'),
        pod('shop', 'web-1', { app: 'web' }, 'aks-user-2-vmss000000'),
        pod('shop', 'web-2', { app: 'web' }, 'aks-system-1-vmss000000'),
        pod('shop', 'web-3', { app: 'web' }),
        pod('shop', 'web-old', { app: 'web' }, 'aks-system-1-vmss000000', 'Succeeded'),
        pod('other', 'web-x', { app: 'web' }, 'aks-user-2-vmss000000'),
        pdb('shop', 'web-pdb', { matchLabels: { app: 'web' } }, 0),
        pdb('other', 'none-pdb', { matchLabels: { app: 'api' } }, 1),
      ],
    };
    const parsed = disruptionBudgetsFromKubectl(JSON.stringify(list));
    expect(parsed).toEqual({
      ok: true,
      budgets: [
        { namespace: 'shop', name: 'web-pdb', disruptionsAllowed: 0, pools: ['system', 'user'] },
        { namespace: 'other', name: 'none-pdb', disruptionsAllowed: 1, pools: [] },
      ],
    });
  });

  it('output that is not a kubectl List is a reason, not an empty list', () => {
    expect(disruptionBudgetsFromKubectl('error: You must be logged in to the server (Unauthorized)')).toMatchObject({ ok: false, reason: expect.stringContaining('Unauthorized') });
    expect(disruptionBudgetsFromKubectl('{"kind":"Status"}')).toMatchObject({ ok: false });
  });

  const selectorCases: [string, unknown, Record<string, string>, boolean][] = [
    ['null selects nothing', null, { app: 'web' }, false],
    ['empty selects everything', {}, { app: 'web' }, true],
    ['matchLabels', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'x' }, true],
    ['matchLabels mismatch', { matchLabels: { app: 'web' } }, { app: 'api' }, false],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, { app: 'api' }, true],
    ['NotIn without the label', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, {}, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, {}, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, { tier: 'x' }, true],
  ];
  it.each(selectorCases)('label selector: %s', (_name, selector, labels, expected) => {
    expect(selects(selector as Parameters<typeof selects>[0], labels)).toBe(expected);
  });
});
