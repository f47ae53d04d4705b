/** AKS and Fleet settings written as a node/member count (`"5"`) or a percentage (`"33%"`). */
export type CountOrPercent =
  { readonly kind: 'count'; readonly value: number } | { readonly kind: 'percent'; readonly value: number };

const pattern = /^(\d+)(%?)$/;

export function parseCountOrPercent(text: string): CountOrPercent | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value)) return undefined;
  return match[2] === '%' ? { kind: 'percent', value } : { kind: 'count', value };
}

/** `percent` of `total`, rounded up, in integer arithmetic (`0.07 * 100` is 7.000000000000001 in floating point). */
export function percentRoundedUp(total: number, percent: number): number {
  return Math.floor((total * percent + 99) / 100);
}

export function percentRoundedDown(total: number, percent: number): number {
  return Math.floor((total * percent) / 100);
}
