import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { ArmReadBudget } from './armReadBudget';
import { currentArmReader } from './armReader';

const READ_METHODS = new Set(['GET', 'HEAD']);
const SUBSCRIPTION_IN_PATH = /^\/subscriptions\/([^/?#]+)/i;

/**
 * Spends one read of the budget per ARM read call (before the SDK's retries, which ARM's Retry-After already
 * paces) on behalf of the current caller or the system; a refused caller's request never leaves the process.
 */
export function armReadBudgetPolicy(budget: ArmReadBudget): PipelinePolicy {
  return {
    name: 'fleetplaneArmReadBudget',
    async sendRequest(request, next) {
      const subscription = SUBSCRIPTION_IN_PATH.exec(new URL(request.url).pathname)?.[1];
      if (subscription && READ_METHODS.has(request.method)) budget.spend(decodeURIComponent(subscription), currentArmReader());
      return next(request);
    },
  };
}
