export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** `10.0.0.0/16` → its first and last address; host bits in the base address are ignored, as Azure does. */
export function parseCidr(text: string): Ipv4Range | undefined {
  const [address, bitsText] = text.split('/');
  const base = parseIpv4(address ?? '');
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

export function cidrContains(range: Ipv4Range, address: number): boolean {
  return address >= range.first && address <= range.last;
}

export function cidrsOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}
