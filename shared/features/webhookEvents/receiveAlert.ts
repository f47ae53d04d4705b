import {
  actionsForAlert,
  alertDedupeKey,
  isInFleetSubscriptions,
  readCommonAlert,
  type CommonAlert,
} from '../../domain/webhookEvents';
import type { Logger } from '../../platform/observability/logger';
import { acceptInbound, type InboundIntake } from './acceptInbound';

export interface AlertReceipt {
  status: 'accepted' | 'duplicate' | 'ignored';
  clusters: number;
  alertId: string;
  monitorCondition: string;
}

/**
 * One common-schema alert. It acts only on clusters the fleet has registered (its subscriptions, then the
 * inventory's rows): a webhook naming a resource is no reason to touch it, so an alert without one is ignored
 * before any ARM call. Deduplicated by alert instance and condition.
 */
export async function receiveAlert(
  deps: InboundIntake & {
    fleetSubscriptions: () => string[];
    isRegisteredCluster: (clusterResourceId: string) => Promise<boolean>;
    log: Logger;
  },
  body: CommonAlert,
): Promise<AlertReceipt> {
  const alert = readCommonAlert(body);
  const inFleet = alert.clusterResourceIds.filter((id) =>
    isInFleetSubscriptions(id, deps.fleetSubscriptions()),
  );
  const registered = (
    await Promise.all(inFleet.map(async (id) => ((await deps.isRegisteredCluster(id)) ? id : undefined)))
  ).filter((id): id is string => id !== undefined);
  const receipt = {
    alertId: alert.alertId,
    monitorCondition: alert.monitorCondition,
    clusters: registered.length,
  };
  const actions = actionsForAlert(alert, registered);
  if (actions.length === 0) {
    deps.log.info('Alert ignored: no registered fleet cluster among its targets', {
      alertId: alert.alertId,
      alertRule: alert.alertRule,
    });
    return { ...receipt, status: 'ignored' };
  }
  const dedupeKey = alertDedupeKey(alert);
  const status = await acceptInbound(deps, {
    dedupeKey,
    kind: 'alert',
    type: alert.alertRule,
    subject: alert.alertId,
    actions,
  });
  deps.log.info(status === 'accepted' ? 'Alert queued' : 'Alert was a duplicate', {
    alertId: alert.alertId,
    monitorCondition: alert.monitorCondition,
    clusters: registered.length,
  });
  return { ...receipt, status };
}
