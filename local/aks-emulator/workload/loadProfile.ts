/**
 * How busy a cluster's workload is over time: a load factor L(t) that scales pod usage and the replicas of
 * load-following deployments. L is proportional to `intensity`, so raising intensity never lowers any usage.
 */

export type LoadProfileKind = 'steady' | 'diurnal' | 'spike';

export interface LoadProfile {
  kind: LoadProfileKind;
  /** Multiplies the whole curve; 1 = the workload's nominal load. */
  intensity: number;
  /** diurnal: hour of the UTC day (0–24) at which the load peaks. */
  peakHourUtc: number;
  /** spike: a spike starts every N minutes (counted from the Unix epoch, so spikes align across clusters). */
  spikeEveryMinutes: number;
  /** spike: how long each spike lasts, in minutes. */
  spikeMinutes: number;
  /** spike: load during a spike relative to the baseline. */
  spikeMultiplier: number;
}

export const DEFAULT_LOAD_PROFILE: LoadProfile = {
  kind: 'steady',
  intensity: 1,
  peakHourUtc: 12,
  spikeEveryMinutes: 60,
  spikeMinutes: 10,
  spikeMultiplier: 2.5,
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * steady:  L = intensity
 * diurnal: L = intensity × (0.6 + 0.4 × cos(2π × (t − peak) / 1 day)) — 1.0 at the peak hour, 0.2 twelve hours later
 * spike:   L = intensity × spikeMultiplier during the first spikeMinutes of every spikeEveryMinutes, else intensity
 */
export function loadFactor(profile: LoadProfile, atMs: number): number {
  switch (profile.kind) {
    case 'steady':
      return profile.intensity;
    case 'diurnal': {
      const sincePeak = (((atMs - profile.peakHourUtc * 3_600_000) % DAY_MS) + DAY_MS) % DAY_MS;
      return profile.intensity * (0.6 + 0.4 * Math.cos((2 * Math.PI * sincePeak) / DAY_MS));
    }
    case 'spike':
      return profile.intensity * (isInSpike(profile, atMs) ? profile.spikeMultiplier : 1);
  }
}

function isInSpike(profile: LoadProfile, atMs: number): boolean {
  const minute = Math.floor(atMs / MINUTE_MS);
  const minuteOfPeriod = ((minute % profile.spikeEveryMinutes) + profile.spikeEveryMinutes) % profile.spikeEveryMinutes;
  return minuteOfPeriod < profile.spikeMinutes;
}
