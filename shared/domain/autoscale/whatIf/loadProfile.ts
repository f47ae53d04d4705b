/**
 * The emulator's workload load curves (its documented formulas, restated here so the domain needs nothing
 * from `local/`): a load factor L(t), proportional to `intensity`.
 * - steady:  L = intensity
 * - diurnal: L = intensity × (0.6 + 0.4 × cos(2π × (t − peak) / 1 day)) — 1.0 at the peak hour, 0.2 twelve hours later
 * - spike:   L = intensity × spikeMultiplier during the first spikeMinutes of every spikeEveryMinutes
 *            (minutes counted from the Unix epoch), else intensity
 */
export interface LoadProfile {
  kind: 'steady' | 'diurnal' | 'spike';
  intensity: number;
  peakHourUtc: number;
  spikeEveryMinutes: number;
  spikeMinutes: number;
  spikeMultiplier: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export function loadFactorAt(profile: LoadProfile, atMs: number): number {
  switch (profile.kind) {
    case 'steady':
      return profile.intensity;
    case 'diurnal': {
      const sincePeak = (((atMs - profile.peakHourUtc * HOUR_MS) % DAY_MS) + DAY_MS) % DAY_MS;
      return profile.intensity * (0.6 + 0.4 * Math.cos((2 * Math.PI * sincePeak) / DAY_MS));
    }
    case 'spike': {
      const minute = Math.floor(atMs / MINUTE_MS);
      const period = profile.spikeEveryMinutes;
      const minuteOfPeriod = ((minute % period) + period) % period;
      return profile.intensity * (minuteOfPeriod < profile.spikeMinutes ? profile.spikeMultiplier : 1);
    }
  }
}
