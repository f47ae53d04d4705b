import { leastWasteInputSchema } from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import { sumOf } from './integerMath';
import type { ExpansionOption, LeastWasteInput, LeastWasteResult } from './types';

/**
 * The share of CPU plus the share of memory the option's new nodes would leave unrequested. Capacity is
 * used, not allocatable, as upstream does.
 */
function wasteOf(option: ExpansionOption, requestedCpuMilli: number, requestedMemoryBytes: number): number {
  const availableCpu = option.nodeCapacity.cpuMilli * option.nodeCount;
  const availableMemory = option.nodeCapacity.memoryBytes * option.nodeCount;
  return (
    (availableCpu - requestedCpuMilli) / availableCpu +
    (availableMemory - requestedMemoryBytes) / availableMemory
  );
}

/**
 * The least-waste expander: every option with the lowest score, in input order (CA breaks the tie at
 * random afterwards). The pods are the ones every option would schedule.
 */
export function leastWaste(input: LeastWasteInput): LeastWasteResult {
  const i = parseOrThrow(leastWasteInputSchema, input, 'leastWaste');
  const requestedCpu = sumOf(i.pods.map((pod) => pod.cpuMilli));
  const requestedMemory = sumOf(i.pods.map((pod) => pod.memoryBytes));
  const scores: Record<string, number> = {};
  let best: string[] = [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const option of i.options) {
    const score = wasteOf(option, requestedCpu, requestedMemory);
    scores[option.nodeGroup] = score;
    if (score < bestScore) {
      bestScore = score;
      best = [option.nodeGroup];
    } else if (score === bestScore) {
      best.push(option.nodeGroup);
    }
  }
  return { best, scores };
}
