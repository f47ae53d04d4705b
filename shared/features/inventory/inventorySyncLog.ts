import type { Logger } from '../../platform/observability/logger';
import type { InventorySyncSummary } from './inventorySync';

/** The timer's account of a sync: one line, a warning when a subscription failed, and a warning of its own for the calendar. */
export function logInventorySync(log: Logger, summary: InventorySyncSummary): void {
  if (summary.supportCalendar?.status === 'failed') {
    log.warn('Version support calendar could not be read; the radar has no end-of-support dates this sync', {
      error: summary.supportCalendar.error,
    });
  }
  const report = {
    status: summary.status,
    subscriptions: summary.subscriptions,
    catalogues: summary.catalogues,
  };
  if (summary.status === 'succeeded') log.info('Inventory synced', report);
  else log.warn('Inventory sync incomplete', report);
}
