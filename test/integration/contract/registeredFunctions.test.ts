import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FunctionSummary } from '../../../local/host/functionList';
import { allOperations } from '../../../shared/features/openapi/allOperations';
import { repoRoot } from '../../support/localHost';


/** Exactly what `npm run functions` prints: the compiled app loaded as the Functions worker loads it. */
function registeredFunctions(): FunctionSummary[] {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'dist/local/host/printFunctions.js'), '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return (JSON.parse(out) as { functions: FunctionSummary[] }).functions;
}

describe('registered functions (contract)', () => {
  const functions = registeredFunctions();

  it('registers exactly the expected functions with their triggers, routes, methods and auth levels', () => {
    const http = (name: string, route: string, method: string) => ({
      name,
      trigger: 'httpTrigger',
      route,
      methods: [method],
      authLevel: 'anonymous',
    });
    const C = '/api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}';
    const P = `${C}/nodePools/{nodePoolName}`;
    expect(functions).toEqual(
      [
        http('putCluster', C, 'PUT'),
        http('getCluster', C, 'GET'),
        http('patchCluster', C, 'PATCH'),
        http('deleteCluster', C, 'DELETE'),
        http('startCluster', `${C}/start`, 'POST'),
        http('stopCluster', `${C}/stop`, 'POST'),
        http('getClusterUpgradeProfile', `${C}/upgradeProfile`, 'GET'),
        http('getClusterLogs', `${C}/logs`, 'GET'),
        http('runClusterLogQuery', `${C}/logs/query`, 'POST'),
        http('getClusterHealth', `${C}/health`, 'GET'),
        http('getFleetHealth', '/api/fleetHealth', 'GET'),
        http('listNodePools', `${C}/nodePools`, 'GET'),
        http('getNodePool', P, 'GET'),
        http('putNodePool', P, 'PUT'),
        http('patchNodePool', P, 'PATCH'),
        http('deleteNodePool', P, 'DELETE'),
        http('listKubernetesVersions', '/api/locations/{location}/kubernetesVersions', 'GET'),
        http('getOperation', '/api/operations/{operationId}', 'GET'),
        http('getGuardrails', '/api/guardrails', 'GET'),
        http('putGuardrails', '/api/guardrails', 'PUT'),
        http('getVersionSupportCalendar', '/api/versionSupportCalendar', 'GET'),
        http('putVersionSupportCalendar', '/api/versionSupportCalendar', 'PUT'),
        http('getPoolAutoscalePolicy', `${P}/autoscalePolicy`, 'GET'),
        http('putPoolAutoscalePolicy', `${P}/autoscalePolicy`, 'PUT'),
        http('deletePoolAutoscalePolicy', `${P}/autoscalePolicy`, 'DELETE'),
        http('listFleetAutoscalePolicies', '/api/autoscalePolicies', 'GET'),
        http('getFleetAutoscalePolicy', '/api/autoscalePolicies/{name}', 'GET'),
        http('putFleetAutoscalePolicy', '/api/autoscalePolicies/{name}', 'PUT'),
        http('deleteFleetAutoscalePolicy', '/api/autoscalePolicies/{name}', 'DELETE'),
        http('runAutoscaleWhatIf', '/api/autoscale/whatIf', 'POST'),
        { name: 'operationsRepair', trigger: 'timerTrigger', schedule: '0 */5 * * * *', runOnStartup: false, useMonitor: true },
        { name: 'operationsAdvance', trigger: 'queueTrigger', queueName: '%FLEETPLANE_OPERATIONS_QUEUE%', connection: 'AzureWebJobsStorage' },
        http('listAutoscaleDecisions', `${C}/autoscaleDecisions`, 'GET'),
        http('evaluateClusterAutoscale', `${C}/autoscale/evaluate`, 'POST'),
        { name: 'autoscaleCycle', trigger: 'queueTrigger', queueName: '%FLEETPLANE_AUTOSCALE_QUEUE%', connection: 'AzureWebJobsStorage' },
        { name: 'autoscaleRepair', trigger: 'timerTrigger', schedule: '0 */5 * * * *', runOnStartup: false, useMonitor: true },
        { name: 'updateRunsRepair', trigger: 'timerTrigger', schedule: '0 */5 * * * *', runOnStartup: false, useMonitor: true },
        { name: 'updateRunsAdvance', trigger: 'queueTrigger', queueName: '%FLEETPLANE_UPDATERUNS_QUEUE%', connection: 'AzureWebJobsStorage' },
        http('deleteRoleBinding', '/api/roleBindings/{id}', 'DELETE'),
        http('getHealth', '/api/health', 'GET'),
        http('getReadiness', '/api/health/ready', 'GET'),
        http('getOpenApiDocument', '/api/openapi.json', 'GET'),
        http('getRoleBinding', '/api/roleBindings/{id}', 'GET'),
        http('listAuditEvents', '/api/auditEvents', 'GET'),
        http('listClusters', '/api/clusters', 'GET'),
        http('syncInventory', '/api/clusters/sync', 'POST'),
        { name: 'inventorySync', trigger: 'timerTrigger', schedule: '0 */5 * * * *', runOnStartup: false, useMonitor: true },
        http('listRoleBindings', '/api/roleBindings', 'GET'),
        http('putRoleBinding', '/api/roleBindings/{id}', 'PUT'),
        http('whoAmI', '/api/whoami', 'GET'),
        http('listWebhookSubscriptions', '/api/webhookSubscriptions', 'GET'),
        http('getWebhookSubscription', '/api/webhookSubscriptions/{id}', 'GET'),
        http('putWebhookSubscription', '/api/webhookSubscriptions/{id}', 'PUT'),
        http('deleteWebhookSubscription', '/api/webhookSubscriptions/{id}', 'DELETE'),
        http('rotateWebhookSubscriptionSecret', '/api/webhookSubscriptions/{id}/rotateSecret', 'POST'),
        http('testWebhookSubscription', '/api/webhookSubscriptions/{id}/test', 'POST'),
        http('listWebhookDeliveries', '/api/webhookSubscriptions/{id}/deliveries', 'GET'),
        http('redeliverWebhookDelivery', '/api/webhookSubscriptions/{id}/deliveries/{deliveryId}/redeliver', 'POST'),
        { name: 'webhookDeliver', trigger: 'queueTrigger', queueName: '%FLEETPLANE_WEBHOOK_DELIVERY_QUEUE%', connection: 'AzureWebJobsStorage' },
        { name: 'webhookRepair', trigger: 'timerTrigger', schedule: '0 */5 * * * *', runOnStartup: false, useMonitor: true },
        { name: 'webhookRetention', trigger: 'timerTrigger', schedule: '0 17 * * * *', runOnStartup: false, useMonitor: true },
        http('createUpdateRun', '/api/updateRuns', 'POST'),
        http('listUpdateRuns', '/api/updateRuns', 'GET'),
        http('getUpdateRun', '/api/updateRuns/{runId}', 'GET'),
        http('startUpdateRun', '/api/updateRuns/{runId}/start', 'POST'),
        http('stopUpdateRun', '/api/updateRuns/{runId}/stop', 'POST'),
        http('resumeUpdateRun', '/api/updateRuns/{runId}/resume', 'POST'),
        http('skipInUpdateRun', '/api/updateRuns/{runId}/skip', 'POST'),
        http('approveUpdateRunGate', '/api/updateRuns/{runId}/gates/{gateId}/approve', 'POST'),
        http('getUpdateRunReport', '/api/updateRuns/{runId}/report', 'GET'),
        http('receiveEventGridEvents', '/api/webhooks/eventgrid', 'POST'),
        http('eventGridWebhookValidation', '/api/webhooks/eventgrid', 'OPTIONS'),
        http('receiveMonitorAlert', '/api/webhooks/alerts', 'POST'),
        { name: 'webhookEventsProcess', trigger: 'queueTrigger', queueName: '%FLEETPLANE_WEBHOOKS_INBOUND_QUEUE%', connection: 'AzureWebJobsStorage' },
        { name: 'webhookEventsRetention', trigger: 'timerTrigger', schedule: '0 47 * * * *', runOnStartup: false, useMonitor: true },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('an idle app runs nothing more often than every 5 minutes: no timer is more frequent', () => {
    const timers = functions.filter((f) => f.trigger === 'timerTrigger');
    expect(timers.length).toBeGreaterThan(0);
    for (const timer of timers) expect({ name: timer.name, seconds: timer.schedule!.split(' ')[0], minutes: timer.schedule!.split(' ')[1] }).toEqual({ name: timer.name, seconds: '0', minutes: expect.stringMatching(/^(\*\/([5-9]|[1-5]\d)|\d+(,\d+)*)$/) });
  });

  it('registers every operation of the API definition over HTTP, and nothing else', () => {
    const http = functions
      .filter((f) => f.trigger === 'httpTrigger')
      .map((f) => ({ name: f.name, route: f.route, methods: f.methods }));
    const defined = allOperations.map((op) => ({
      name: op.operationId,
      route: `/api/${op.route}`,
      methods: [op.method],
    }));
    expect(http).toEqual(expect.arrayContaining(defined));
    expect(http).toHaveLength(defined.length);
  });
});
