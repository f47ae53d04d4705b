/**
 * The shape of an NCRONTAB expression as Azure Functions accepts it: exactly six fields
 * `{second} {minute} {hour} {day} {month} {day-of-week}` of numbers, ranges, steps, lists and day or month
 * names. Whether each value is in range is checked where a cron library is at hand (the feature).
 */
const FIELD = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;
const NAMES = /[A-Za-z]+/g;
const KNOWN_NAMES = new Set([
  'SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT',
  'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC',
]);

/** Why the expression is not six NCRONTAB fields, or undefined when it is. */
export function ncrontabShapeProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) {
    return `expected 6 fields {second} {minute} {hour} {day} {month} {day-of-week}, got ${fields.length}`;
  }
  const bad = fields.find((field) => {
    const names = field.match(NAMES) ?? [];
    return !FIELD.test(field) || names.some((name) => !KNOWN_NAMES.has(name.toUpperCase()));
  });
  return bad === undefined ? undefined : `field "${bad}" is not valid`;
}
