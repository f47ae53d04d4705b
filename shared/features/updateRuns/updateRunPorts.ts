/**
 * Ports of the update-run feature that the composition root wires. The execution engine (the queue-driven state
 * machine) implements `kickRun`; the API only records transitions and kicks.
 */

/** Enqueue an advance of the run (after `delaySeconds`, default 0). Idempotent from the run's point of view. */
export type KickRun = (runId: string, delaySeconds?: number) => Promise<void>;

/** Enqueue the preflight `preflightId` of the run (system work: the member reads are not charged to any caller). */
export type RequestPreflight = (runId: string, preflightId: string) => Promise<void>;

/** A cluster of the inventory as member resolution needs it. */
export interface InventoryMember {
  clusterId: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

/** Every inventory cluster carrying all of `tags` (names case-insensitive, values exact). */
export type SelectClustersByTags = (tags: Record<string, string>) => Promise<InventoryMember[]>;
