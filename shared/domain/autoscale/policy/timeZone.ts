/** Whether the runtime's time zone database knows the IANA name (ECMA-402 throws a RangeError otherwise). */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
