import { describe, expect, it } from 'vitest';
import type { InventorySyncSummary } from '../../../shared/features/inventory/inventorySync';
import { logInventorySync } from '../../../shared/features/inventory/inventorySyncLog';
import type { Logger, LogFields } from '../../../shared/platform/observability/logger';

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields?: LogFields }> = [];
  const at =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, ...(fields ? { fields } : {}) });
    };
  const log: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), with: () => log };
  return { log, lines };
}

const summary = (overrides: Partial<InventorySyncSummary> = {}): InventorySyncSummary => ({
  status: 'succeeded',
  startedAt: '2026-11-27T12:00:00.000Z',
  finishedAt: '2026-11-27T12:00:01.000Z',
  subscriptions: [{ subscriptionId: 's', status: 'succeeded', clusters: 1, removed: 0 }],
  catalogues: [],
  armCalls: { managedClustersList: 1, listKubernetesVersions: 0 },
  ...overrides,
});

describe('logInventorySync', () => {
  it('logs a successful sync with a readable calendar as one information line', () => {
    const { log, lines } = recordingLogger();
    logInventorySync(log, summary({ supportCalendar: { status: 'succeeded' } }));
    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual(['info Inventory synced']);
  });

  it('warns when the calendar could not be read, even though the sync succeeded', () => {
    const { log, lines } = recordingLogger();
    const error = { code: 'ServerBusy', message: 'Server busy' };
    logInventorySync(log, summary({ supportCalendar: { status: 'failed', error } }));
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
    expect(lines[0]!.message).toMatch(/calendar could not be read/);
    expect(lines[0]!.fields).toEqual({ error });
  });

  it('warns when a subscription failed', () => {
    const { log, lines } = recordingLogger();
    logInventorySync(log, summary({ status: 'partial' }));
    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual(['warn Inventory sync incomplete']);
  });
});
