import type { CountOrPercent } from './countOrPercent';
import { parseCountOrPercent, percentRoundedUp } from './countOrPercent';
import type { SurgeDecision, SurgeInput, SurgeRejection } from './types';

/** The API default when a pool has no maxSurge (AgentPoolUpgradeSettings.maxSurge field doc). */
const defaultMaxSurge = '10%';
/** A VMSS holds at most 1,000 instances; pool + surge beyond that is refused before the upgrade starts. */
const vmssInstanceLimit = 1000;

interface SurgeSettings {
  readonly poolNodeCount: number;
  readonly remaining: number;
  readonly maxSurgeText: string;
  readonly maxSurge: CountOrPercent;
  readonly maxUnavailable: CountOrPercent;
  readonly maxBlockedNodes?: CountOrPercent;
}

/**
 * How many nodes a pool upgrade adds and takes down at once (upgrade-aks-node-pools-rolling.md,
 * upgrade-options.md): a percentage is of the pool size, rounded up, and both are capped at the nodes
 * still to upgrade; maxSurge defaults to 10%, maxUnavailable to 0. Also the subnet IPs Azure CNI needs,
 * (nodes + surge) × (maxPods + 1), and how many undrainable nodes are tolerated (defaults to the surge).
 */
export function surgePlan(input: SurgeInput): SurgeDecision | SurgeRejection {
  const settings = readSettings(input);
  if ('errorKind' in settings) return settings;
  const rejection = settingsConflict(input, settings);
  if (rejection) return rejection;
  const surgeNodes = Math.min(nodesFor(settings.maxSurge, settings.poolNodeCount), settings.remaining);
  const unavailableNodes = Math.min(
    nodesFor(settings.maxUnavailable, settings.poolNodeCount),
    settings.remaining,
  );
  if (settings.poolNodeCount + surgeNodes > vmssInstanceLimit)
    return {
      ok: false,
      errorKind: 'VMSS_INSTANCE_LIMIT',
      surgeNodes,
      message:
        `The pool has ${settings.poolNodeCount} nodes and a surge of ${surgeNodes}: ${settings.poolNodeCount + surgeNodes} ` +
        `instances would exceed the ${vmssInstanceLimit}-instance limit of a virtual machine scale set. Lower maxSurge.`,
    };
  return {
    ok: true,
    surgeNodes,
    unavailableNodes,
    effectiveMaxSurge: settings.maxSurgeText,
    ...(input.maxPods === undefined
      ? {}
      : { ipsRequired: (settings.poolNodeCount + surgeNodes) * (input.maxPods + 1) }),
    ...(input.undrainableNodeBehavior !== undefined || settings.maxBlockedNodes !== undefined
      ? {
          effectiveMaxBlockedNodes: settings.maxBlockedNodes
            ? nodesFor(settings.maxBlockedNodes, settings.poolNodeCount)
            : surgeNodes,
        }
      : {}),
  };
}

function nodesFor(setting: CountOrPercent, poolNodeCount: number): number {
  return setting.kind === 'count' ? setting.value : percentRoundedUp(poolNodeCount, setting.value);
}

function readSettings(input: SurgeInput): SurgeSettings | SurgeRejection {
  const problems: string[] = [];
  const wholeNumber = (value: number | undefined, name: string) => {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
      problems.push(`${name} must be a whole number ≥ 0`);
  };
  wholeNumber(input.poolNodeCount, 'poolNodeCount');
  wholeNumber(input.nodesRemainingToUpgrade, 'nodesRemainingToUpgrade');
  wholeNumber(input.maxPods, 'maxPods');
  const maxSurgeText = input.maxSurge ?? defaultMaxSurge;
  const maxSurge = readCountOrPercent(maxSurgeText, 'maxSurge', problems);
  const maxUnavailable = readCountOrPercent(input.maxUnavailable ?? '0', 'maxUnavailable', problems);
  const maxBlockedNodes =
    input.maxBlockedNodes === undefined || input.maxBlockedNodes === null
      ? undefined
      : readCountOrPercent(input.maxBlockedNodes, 'maxBlockedNodes', problems);
  if (problems.length > 0 || !maxSurge || !maxUnavailable) return invalidSettings(problems.join('; '));
  return {
    poolNodeCount: input.poolNodeCount,
    remaining: Math.min(input.nodesRemainingToUpgrade ?? input.poolNodeCount, input.poolNodeCount),
    maxSurgeText,
    maxSurge,
    maxUnavailable,
    ...(maxBlockedNodes ? { maxBlockedNodes } : {}),
  };
}

function readCountOrPercent(text: string, name: string, problems: string[]): CountOrPercent | undefined {
  const parsed = parseCountOrPercent(text);
  if (!parsed || (parsed.kind === 'percent' && parsed.value > 100)) {
    problems.push(
      `${name} "${text}" must be a node count such as "5" or a percentage from 0% to 100% such as "33%"`,
    );
    return undefined;
  }
  return parsed;
}

function settingsConflict(input: SurgeInput, settings: SurgeSettings): SurgeRejection | undefined {
  if (settings.maxSurge.value === 0 && settings.maxUnavailable.value === 0)
    return invalidSettings(
      'maxSurge and maxUnavailable cannot both be 0: set maxSurge above 0, or maxUnavailable for an in-place upgrade',
    );
  if (input.mode === 'System' && settings.maxUnavailable.value > 0)
    return invalidSettings('maxUnavailable is not supported on System node pools; use maxSurge');
  return undefined;
}

function invalidSettings(message: string): SurgeRejection {
  return { ok: false, errorKind: 'INVALID_UPGRADE_SETTINGS', message };
}
