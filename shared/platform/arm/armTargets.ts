import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { NotFoundError } from '../../domain/errors';
import { callArm } from './armCalls';
import { agentPoolFingerprint, clusterFingerprint, type ResourceFingerprint } from './resourceFingerprint';

/** What ARM holds for the resource an operation changes: enough to recognise a write whose answer was lost. */
export interface ArmTargetState {
  provisioningState: string | undefined;
  /** `Running` or `Stopped` (clusters only). */
  powerState: string | undefined;
  fingerprint: ResourceFingerprint;
  /**
   * AKS's `properties.status.provisioningError`: why the last operation failed (API 2024-05-01 and later). The
   * installed SDK's model has no `status`, so it is read from the raw response.
   */
  provisioningError?: { code: string; message: string };
}

const TARGET = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)(?:\/agentPools\/([^/]+))?$/i;

/** Reads an operation target (a managed cluster or agent pool ARM id); undefined when ARM does not have it. */
export async function readArmTarget(client: ContainerServiceClient, targetId: string): Promise<ArmTargetState | undefined> {
  const match = TARGET.exec(targetId);
  if (!match) throw new Error(`Not a managed cluster or agent pool id: ${targetId}`);
  const [, , resourceGroup, clusterName, poolName] = match as unknown as [string, string, string, string, string | undefined];
  let raw: unknown;
  const onResponse = (response: { parsedBody?: unknown }) => {
    raw = response.parsedBody;
  };
  try {
    if (poolName !== undefined) {
      const pool = await callArm(() => client.agentPools.get(resourceGroup, clusterName, poolName, { onResponse }), targetId);
      return { provisioningState: pool.provisioningState, powerState: pool.powerState?.code, fingerprint: agentPoolFingerprint(pool), ...provisioningErrorOf(raw) };
    }
    const cluster = await callArm(() => client.managedClusters.get(resourceGroup, clusterName, { onResponse }), targetId);
    return { provisioningState: cluster.provisioningState, powerState: cluster.powerState?.code, fingerprint: clusterFingerprint(cluster), ...provisioningErrorOf(raw) };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function provisioningErrorOf(body: unknown): { provisioningError?: { code: string; message: string } } {
  const error = (body as { properties?: { status?: { provisioningError?: { code?: unknown; message?: unknown } } } } | undefined)?.properties?.status?.provisioningError;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return {};
  return { provisioningError: { code: error.code, message: error.message.slice(0, 2000) } };
}
