import { hasTags } from '../../domain/updateRuns';
import type { InventoryRecord } from '../inventory';
import type { InventoryMember } from './updateRunPorts';

type InventoryPage = (continuationToken?: string) => Promise<{ items: { value: InventoryRecord }[]; continuationToken: string | undefined }>;

/** The inventory snapshot's clusters carrying every tag of the selector (the member resolution of tag-selected runs). */
export async function selectInventoryByTags(page: InventoryPage, tags: Record<string, string>): Promise<InventoryMember[]> {
  const found: InventoryMember[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    for (const { value: record } of result.items) {
      if (hasTags(record.tags, tags)) found.push({ clusterId: record.id, name: record.name, location: record.location, tags: record.tags });
    }
    token = result.continuationToken;
  } while (token);
  return found;
}
