/**
 * IP address literals as bytes (4 for IPv4, 16 for IPv6), parsed strictly: dotted-quad IPv4 only (no octal,
 * hex or short forms — those are what URL parsers and resolvers disagree on), IPv6 with at most one `::`,
 * an optional dotted IPv4 tail and an optional zone (`%eth0`, dropped).
 */
export type IpBytes = readonly number[];

export function parseIpv4Bytes(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  return bytes;
}

export function parseIpv6Bytes(input: string): IpBytes | undefined {
  const text = input.split('%')[0] ?? '';
  if (text.length === 0 || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** Hex groups of one side of `::`, the last of which may be a dotted IPv4 address (two groups). */
function groupsOf(side: string): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseIpv4Bytes(part);
      if (!ipv4) return undefined;
      groups.push((ipv4[0]! << 8) | ipv4[1]!, (ipv4[2]! << 8) | ipv4[3]!);
    } else {
      if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

/** The bytes of an IPv4 or IPv6 literal (brackets allowed), or undefined for anything else (a host name). */
export function parseIpLiteral(host: string): IpBytes | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return parseIpv4Bytes(bare) ?? (bare.includes(':') ? parseIpv6Bytes(bare) : undefined);
}
