import type { MemberFacts, SubnetFact } from './memberFacts';
import type { PreflightProblem } from './preflightProblem';

/** Azure keeps the first four addresses and the last one of every subnet. */
const AZURE_RESERVED_ADDRESSES = 5;
const IPV4_PREFIX = /^(?:\d{1,3}\.){3}\d{1,3}\/(\d{1,2})$/;

/** Addresses the subnet can still hand out: its IPv4 prefixes' size, less Azure's reserved ones, less those in use. */
export function freeSubnetAddresses(subnet: SubnetFact): number {
  const size = subnet.addressPrefixes.reduce((sum, prefix) => {
    const bits = IPV4_PREFIX.exec(prefix)?.[1];
    return bits === undefined ? sum : sum + 2 ** (32 - Number(bits));
  }, 0);
  return Math.max(0, size - AZURE_RESERVED_ADDRESSES - subnet.ipConfigurationsInUse);
}

/**
 * Surge nodes take subnet addresses: one each, plus `maxPods` more with Azure CNI (not overlay), where every pod takes
 * one. Pools roll one after another, so a subnet must hold the largest surge of the pools on it. Too few free
 * addresses: AKS refuses the upgrade with InsufficientSubnetSize.
 */
export function subnetProblems(facts: MemberFacts, surgeByPool: ReadonlyMap<string, number>): PreflightProblem[] {
  const needs = new Map<string, Need>();
  const problems: PreflightProblem[] = [];
  for (const pool of facts.pools) {
    const surge = surgeByPool.get(pool.name) ?? 0;
    if (!pool.vnetSubnetID || surge === 0) continue;
    if (facts.podsTakeSubnetIps && pool.maxPods === undefined) {
      problems.push(problem('NotChecked', 'SUBNET_NOT_READ', `Pool ${pool.name}: its maxPods is not known, so the subnet addresses its surge needs are not either.`, [pool.name]));
      continue;
    }
    const addresses = surge * (facts.podsTakeSubnetIps ? (pool.maxPods ?? 0) + 1 : 1);
    const key = pool.vnetSubnetID.toLowerCase();
    const need = needs.get(key) ?? { subnetId: pool.vnetSubnetID, pools: [], addresses: 0 };
    needs.set(key, { ...need, pools: [...need.pools, pool.name], addresses: Math.max(need.addresses, addresses) });
  }
  for (const [id, need] of needs) problems.push(...subnetProblem(facts, id, need));
  return problems;
}

interface Need {
  subnetId: string;
  pools: string[];
  addresses: number;
}

function subnetProblem(facts: MemberFacts, id: string, need: Need): PreflightProblem[] {
  const segments = need.subnetId.split('/');
  const name = `${segments.at(-3) ?? ''}/${segments.at(-1) ?? ''}`;
  const subnet = facts.subnets?.[id];
  if (!subnet) return [problem('NotChecked', 'SUBNET_NOT_READ', `Subnet ${name} was not read.`, need.pools)];
  if (!subnet.checked) return [problem('NotChecked', 'SUBNET_NOT_READ', `Subnet ${name} could not be read: ${subnet.reason}`, need.pools)];
  const free = freeSubnetAddresses(subnet.value);
  if (need.addresses <= free) return [];
  const perNode = facts.podsTakeSubnetIps ? ' (Azure CNI: a node and its maxPods pods each take one)' : '';
  return [
    {
      ...problem('Blocking', 'INSUFFICIENT_SUBNET_SIZE', `Subnet ${name} has ${free} free address(es); the surge of pool(s) ${need.pools.join(', ')} needs ${need.addresses}${perNode}. Lower maxSurge or widen the subnet.`, need.pools),
      azureErrorCode: 'InsufficientSubnetSize',
    },
  ];
}

function problem(severity: PreflightProblem['severity'], code: string, message: string, pools: string[]): PreflightProblem {
  return { check: 'subnetIps', severity, code, message: message.slice(0, 400), pools: pools.slice(0, 20) };
}
