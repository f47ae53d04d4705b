import type { BlobLeaseClient, BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { statusCodeOf } from '../../../shared/platform/azure/restErrors';

export interface ScheduleStatus {
  last: string;
  next: string;
  lastUpdated: string;
}

export type ClaimResult =
  | { claimed: true; previous: ScheduleStatus | undefined; release: () => Promise<void> }
  | { claimed: false };

const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;

/**
 * One run per occurrence across every host sharing the storage account, as the Functions host's timer
 * singleton does: a blob lease guards the schedule status blob and is held (renewed) for the whole run, and an
 * occurrence runs only on the host that advances `last` to it. While a run holds the lease, no other host
 * starts the function.
 */
export class OccurrenceClaims {
  private readonly container: ContainerClient;
  private ensured: Promise<unknown> | undefined;

  constructor(
    blobService: BlobServiceClient,
    private readonly hostId: string,
  ) {
    this.container = blobService.getContainerClient('azure-webjobs-hosts');
  }

  async readStatus(functionName: string): Promise<ScheduleStatus | undefined> {
    await this.ensureContainer();
    try {
      const buffer = await this.statusBlob(functionName).downloadToBuffer();
      return buffer.length > 0 ? (JSON.parse(buffer.toString('utf8')) as ScheduleStatus) : undefined;
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Claims `occurrence` for this host; false when another host already ran it or is running the function. */
  async claim(functionName: string, occurrence: Date, next: Date, now: Date): Promise<ClaimResult> {
    await this.ensureContainer();
    const blob = this.statusBlob(functionName);
    await blob.uploadData(Buffer.alloc(0), { conditions: { ifNoneMatch: '*' } }).catch(ignoreStatus(409, 412));
    const lease = blob.getBlobLeaseClient();
    try {
      await lease.acquireLease(LEASE_SECONDS);
    } catch (error) {
      if (statusCodeOf(error) === 409) return { claimed: false };
      throw error;
    }
    const release = holdLease(lease);
    try {
      const previous = await this.readStatus(functionName);
      if (previous && Date.parse(previous.last) >= occurrence.getTime()) {
        await release();
        return { claimed: false };
      }
      const status: ScheduleStatus = {
        last: occurrence.toISOString(),
        next: next.toISOString(),
        lastUpdated: now.toISOString(),
      };
      await blob.uploadData(Buffer.from(JSON.stringify(status)), { conditions: { leaseId: lease.leaseId } });
      return { claimed: true, previous, release };
    } catch (error) {
      await release();
      throw error;
    }
  }

  private statusBlob(functionName: string) {
    return this.container.getBlockBlobClient(`timers/${this.hostId}/${functionName}/status`);
  }

  private ensureContainer(): Promise<unknown> {
    this.ensured ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ensured = undefined;
      throw error;
    });
    return this.ensured;
  }
}

/** Renews the lease until released, so a long run keeps other hosts from starting the function. */
function holdLease(lease: BlobLeaseClient): () => Promise<void> {
  const renewal = setInterval(() => void lease.renewLease().catch(() => undefined), RENEW_EVERY_MS);
  renewal.unref();
  return async () => {
    clearInterval(renewal);
    await lease.releaseLease().catch(() => undefined);
  };
}

function ignoreStatus(...statuses: number[]) {
  return (error: unknown) => {
    const status = statusCodeOf(error);
    if (status !== undefined && statuses.includes(status)) return;
    throw error;
  };
}
