/**
 * host.json durations as the Functions host binds them: .NET TimeSpan text `[d.]hh:mm[:ss[.fffffff]]`.
 * A bare number is refused on purpose: .NET reads "2000" as 2000 days, while a Functions 1.x host.json meant
 * milliseconds, so either reading would surprise someone.
 */
const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

export function parseTimeSpanMs(text: string): number {
  const match = TIME_SPAN.exec(text.trim());
  if (!match) {
    throw new Error(`"${text}" is not a duration; use hh:mm:ss (e.g. "00:00:30" or "00:00:00.500")`);
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    throw new Error(`"${text}" is not a duration: hours must be 0-23, minutes and seconds 0-59`);
  }
  const fractionMs = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return (
    ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 +
    Number(seconds) * 1000 +
    fractionMs
  );
}
