import { MetricsRequestError } from './metricsError';
import { formatIsoDuration, parseIsoDuration } from './isoDuration';

/** The time range of a metrics query, [startMs, endMs), and the granularity of its data points. */

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export interface Granularity {
  /** FULL: a single data point for the whole window. */
  full: boolean;
  grainMs: number;
  /** What the response's `interval` says (FULL answers with the window's length, e.g. PT4H). */
  label: string;
}

export const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Platform metrics are kept 93 days. */
export const RETENTION_MS = 93 * 86_400_000;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(text: string, parameter: string): number {
  const value = ISO_DATE_TIME.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (!Number.isFinite(value)) throw new MetricsRequestError(`Invalid ${parameter} '${text}': expected an ISO 8601 date-time such as 2026-11-27T00:00:00Z.`);
  return value;
}

function parseDuration(text: string, parameter: string): number {
  const value = parseIsoDuration(text);
  if (value === undefined || value <= 0) throw new MetricsRequestError(`Invalid ${parameter} '${text}': expected an ISO 8601 duration such as PT1H.`);
  return value;
}

/** The ARM API's `timespan`: start/end, start/duration, duration/end, or a duration ending now; default the last hour. */
export function parseTimespan(text: string | undefined, nowMs: number): TimeWindow {
  if (text === undefined || text.trim() === '') return checkWindow({ startMs: nowMs - HOUR_MS, endMs: nowMs }, nowMs);
  const parts = text.split('/');
  if (parts.length === 1) return checkWindow({ startMs: nowMs - parseDuration(text, 'timespan'), endMs: nowMs }, nowMs);
  if (parts.length !== 2) throw new MetricsRequestError(`Invalid timespan '${text}': expected 'start/end' in ISO 8601.`);
  const [first = '', second = ''] = parts;
  const firstIsDuration = /^P/i.test(first.trim());
  const secondIsDuration = /^P/i.test(second.trim());
  if (firstIsDuration && secondIsDuration) throw new MetricsRequestError(`Invalid timespan '${text}': at most one side may be a duration.`);
  if (firstIsDuration) {
    const endMs = parseDateTime(second, 'timespan');
    return checkWindow({ startMs: endMs - parseDuration(first, 'timespan'), endMs }, nowMs);
  }
  const startMs = parseDateTime(first, 'timespan');
  return checkWindow({ startMs, endMs: secondIsDuration ? startMs + parseDuration(second, 'timespan') : parseDateTime(second, 'timespan') }, nowMs);
}

/** The batch API's `starttime` / `endtime`; a missing end is now, a missing start is one hour before the end. */
export function parseStartEnd(start: string | undefined, end: string | undefined, nowMs: number): TimeWindow {
  const endMs = end === undefined || end === '' ? nowMs : parseDateTime(end, 'endtime');
  const startMs = start === undefined || start === '' ? endMs - HOUR_MS : parseDateTime(start, 'starttime');
  return checkWindow({ startMs, endMs }, nowMs);
}

function checkWindow(window: TimeWindow, nowMs: number): TimeWindow {
  if (window.endMs <= window.startMs) {
    throw new MetricsRequestError(`Invalid time range: the end time ${formatTimestamp(window.endMs)} must be after the start time ${formatTimestamp(window.startMs)}.`);
  }
  if (window.endMs < nowMs - RETENTION_MS) {
    throw new MetricsRequestError(`Query endTime: ${retentionDate(window.endMs)} is out of the Max metrics retention period: 93.00:00:00, traceId: {00000000-0000-0000-0000-000000000000}`);
  }
  return window;
}

/** e.g. 06/06/2021 00:00:00, as the retention error prints dates. */
function retentionDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** ISO 8601 in UTC, with milliseconds only when there are some (2023-02-01T20:00:00.123Z, 2023-11-07T14:00:00Z). */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** Picks the grain: a supported one as asked, or (with AutoAdjustTimegrain) the largest supported one not above it. */
export function resolveGranularity(text: string | undefined, window: TimeWindow, supported: readonly string[], autoAdjust: boolean, metricName: string): Granularity {
  const asked = text === undefined || text.trim() === '' ? 'PT1M' : text.trim();
  if (asked.toUpperCase() === 'FULL') {
    const length = window.endMs - window.startMs;
    return { full: true, grainMs: length, label: formatIsoDuration(length) };
  }
  const grainMs = parseIsoDuration(asked);
  if (grainMs === undefined || grainMs <= 0) throw new MetricsRequestError(`Invalid interval '${asked}': expected an ISO 8601 duration such as PT5M, or FULL.`);
  const grains = supported.map((g) => ({ text: g, ms: parseIsoDuration(g)! })).sort((a, b) => a.ms - b.ms);
  const exact = grains.find((g) => g.ms === grainMs);
  if (exact) return { full: false, grainMs, label: exact.text };
  if (!autoAdjust) {
    throw new MetricsRequestError(`Requested time grain ${asked} is not supported for metric ${metricName}. Supported time grains: ${grains.map((g) => g.text).join(', ')}. Use AutoAdjustTimegrain=true to use the closest supported one.`);
  }
  const adjusted = [...grains].reverse().find((g) => g.ms <= grainMs) ?? grains[0]!;
  return { full: false, grainMs: adjusted.ms, label: adjusted.text };
}

const floorTo = (ms: number, step: number): number => Math.floor(ms / step) * step;

/** Data point timestamps: aligned to the grain in UTC, from the start up to (excluding) the end's minute. */
export function bucketStarts(window: TimeWindow, granularity: Granularity): number[] {
  if (granularity.full) return [floorTo(window.startMs, MINUTE_MS)];
  const starts: number[] = [];
  const endMinute = floorTo(window.endMs, MINUTE_MS);
  for (let t = floorTo(window.startMs, granularity.grainMs); t < endMinute; t += granularity.grainMs) starts.push(t);
  return starts;
}

/** The minutes sampled for a window: every whole minute from the start's minute up to the end, none in the future. */
export function sampleMinutes(window: TimeWindow, nowMs: number): number[] {
  const minutes: number[] = [];
  const last = Math.min(window.endMs - 1, nowMs);
  for (let t = floorTo(window.startMs, MINUTE_MS); t <= last; t += MINUTE_MS) minutes.push(t);
  return minutes;
}
