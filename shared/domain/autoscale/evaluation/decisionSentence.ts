import type { PoolAction } from './poolEvaluationTypes';

const nodes = (count: number) => `${count} node${count === 1 ? '' : 's'}`;

/** One plain sentence: what happens (or would, in a dry run) and why. */
export function decisionSentence(action: PoolAction, why: string, dryRun: boolean, current: number): string {
  const lead = dryRun ? 'Dry run: would ' : '';
  const capital = (text: string) => (dryRun ? text : text.charAt(0).toUpperCase() + text.slice(1));
  switch (action.type) {
    case 'SetCount': {
      const verb = action.to > action.from ? 'scale up' : 'scale down';
      return `${lead}${capital(`${verb} from ${nodes(action.from)} to ${nodes(action.to)}`)}: ${why}.`;
    }
    case 'SetRange':
      return `${lead}${capital(`set the cluster autoscaler's range to ${action.to.minCount}–${action.to.maxCount}`)} (AKS's cluster autoscaler sizes this pool; Fleetplane changes only its range, never its count): ${why}.`;
    case 'None':
      return `${dryRun ? 'Dry run: would keep' : 'Kept'} ${nodes(current)}: ${why}.`;
  }
}
