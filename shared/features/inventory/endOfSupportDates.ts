import { errorCodeOf, statusCodeOf } from '../../platform/azure/restErrors';
import type { RadarPolicy } from './clusterRadar';
import type { SyncFailure } from './inventorySync';

/** The dates the radar needs per minor: what the version support calendar holds. */
export type EndOfSupportDates = Pick<RadarPolicy, 'endOfSupport' | 'endOfLongTermSupport'>;

export interface SupportCalendarOutcome {
  status: 'succeeded' | 'failed';
  error?: SyncFailure;
}

const MAX_MESSAGE_CHARS = 500;

/**
 * Reads the end-of-support dates for one sync. A calendar that cannot be read leaves the radar without
 * dates for this sync rather than failing it: the dates are an enrichment, the snapshot is the product.
 */
export async function readEndOfSupportDates(
  source: () => Promise<EndOfSupportDates>,
): Promise<{ dates: EndOfSupportDates; outcome: SupportCalendarOutcome }> {
  try {
    const { endOfSupport, endOfLongTermSupport } = await source();
    return {
      dates: { ...(endOfSupport ? { endOfSupport } : {}), ...(endOfLongTermSupport ? { endOfLongTermSupport } : {}) },
      outcome: { status: 'succeeded' },
    };
  } catch (error) {
    return { dates: {}, outcome: { status: 'failed', error: readFailureOf(error) } };
  }
}

function readFailureOf(error: unknown): SyncFailure {
  const status = statusCodeOf(error);
  const fallback = error instanceof Error ? error.name : 'Error';
  return {
    code: errorCodeOf(error) ?? (status === undefined ? fallback : `Http${status}`),
    message: (error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE_CHARS),
  };
}
