import type { ClusterState } from '../model';

/** An AKS Event Grid event as the emulated resource provider raises it, before any envelope. */
export interface AksEvent {
  /** e.g. `Microsoft.ContainerService.NodePoolRollingSucceeded` */
  type: string;
  cluster: Pick<ClusterState, 'subscriptionId' | 'resourceGroup' | 'name'>;
  /** String fields only, as in ContainerService.json. */
  data: Record<string, string>;
  /** Virtual time of the event (ISO). */
  time: string;
}

export type AksEventListener = (event: AksEvent) => void;

/** The events the emulated AKS raises as clusters change; the webhook publisher listens. */
export class AksEventFeed {
  private readonly listeners: AksEventListener[] = [];

  subscribe(listener: AksEventListener): void {
    this.listeners.push(listener);
  }

  publish(event: AksEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
