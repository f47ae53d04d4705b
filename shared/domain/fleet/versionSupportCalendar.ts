import { z } from 'zod';


export const MAX_CALENDAR_ENTRIES = 100;

/** `1.33`; no leading zeros, because such a key could never match the minor of a running version. */
const MINOR_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const minorSchema = z.string().regex(MINOR_PATTERN);

/** zod's ISO date is a real calendar date (leap years included), so 2026-02-30 is refused. */
const calendarDateSchema = z.iso.date({ error: 'must be a real calendar date written YYYY-MM-DD' });

function datesPerMinorSchema(description: string, example: Record<string, string>) {
  return z
    .record(minorSchema, calendarDateSchema, {
      error: (issue) => (issue.code === 'invalid_key' ? 'keys must be Kubernetes minors such as 1.33' : undefined),
    })
    .refine((dates) => Object.keys(dates).length <= MAX_CALENDAR_ENTRIES, {
      error: `at most ${MAX_CALENDAR_ENTRIES} minors`,
    })
    .default({})
    .meta({
      description: `${description} Keys are minors such as \`1.33\`; values are dates \`YYYY-MM-DD\`.`,
      example,
      maxProperties: MAX_CALENDAR_ENTRIES,
    });
}

/**
 * When each Kubernetes minor leaves AKS support. AKS publishes its release calendar only as documentation,
 * so administrators copy it here; the inventory sync reads it for the version radar's `endOfSupport`.
 */
export const versionSupportCalendarSchema = z
  .strictObject({
    endOfSupport: datesPerMinorSchema('End of community support per minor (the last day of support).', {
      '1.33': '2026-07-31',
    }),
    endOfLongTermSupport: datesPerMinorSchema(
      'End of long-term support per minor, used for clusters on the AKSLongTermSupport plan.',
      { '1.33': '2027-07-31' },
    ),
    source: z
      .string()
      .max(500)
      .optional()
      .describe('Where the dates were copied from, e.g. the URL of the AKS release calendar.'),
  })
  .meta({
    description: 'End-of-support dates per Kubernetes minor, editable by administrators. Empty until first stored.',
    example: {
      endOfSupport: { '1.34': '2026-11-30', '1.35': '2027-03-31', '1.36': '2027-06-30' },
      endOfLongTermSupport: { '1.32': '2027-03-31', '1.33': '2027-07-31' },
      source: 'https://learn.microsoft.com/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar',
    },
  });

/** The stored and served shape: both maps are always present (possibly empty). */
export type VersionSupportCalendar = z.infer<typeof versionSupportCalendarSchema>;

export const EMPTY_VERSION_SUPPORT_CALENDAR: VersionSupportCalendar = { endOfSupport: {}, endOfLongTermSupport: {} };
