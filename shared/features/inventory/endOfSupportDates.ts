import type { RadarPolicy } from './clusterRadar';
import { syncFailureOf, type SyncFailure } from './syncFailure';

/** The dates the radar needs per minor: what the version support calendar holds. */
export type EndOfSupportDates = Pick<RadarPolicy, 'endOfSupport' | 'endOfLongTermSupport'>;

export interface SupportCalendarOutcome {
  status: 'succeeded' | 'failed';
  error?: SyncFailure;
}

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
    return { dates: {}, outcome: { status: 'failed', error: syncFailureOf(error, 'storage') } };
  }
}
