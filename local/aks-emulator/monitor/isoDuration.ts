/** ISO 8601 durations as Azure Monitor uses them (PT1M, PT6H, P1D, P1DT12H); years and months are not accepted. */

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000] as const;

/** Milliseconds of a duration, or undefined when the text is not one (or is empty, like "P" or "PT"). */
export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || /^PT?$/i.test(text.trim()) || /T$/i.test(text.trim())) return undefined;
  let total = 0;
  for (let i = 0; i < UNIT_MS.length; i += 1) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * UNIT_MS[i]!;
  }
  return total;
}

/** The shortest ISO form: 300000 → PT5M, 86400000 → P1D, 93600000 → P1DT2H. */
export function formatIsoDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (days === 0 && time === '') return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
