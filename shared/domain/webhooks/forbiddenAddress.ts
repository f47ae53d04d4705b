import { parseIpLiteral, type IpBytes } from './ipAddress';

/**
 * Where a webhook may never be delivered: every address that reaches inside the network Fleetplane runs in
 * (RFC 1918, CGNAT, loopback, link-local, Azure's metadata and platform endpoints, IPv6 unique- and link-local), addresses
 * that are not one host (unspecified, multicast, broadcast, reserved), and IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4, Teredo), so that no spelling of a private address slips through.
 */
interface Range {
  readonly prefix: IpBytes;
  readonly bits: number;
  readonly reason: string;
}

const range = (prefix: number[], bits: number, reason: string): Range => ({ prefix, bits, reason });

const LOOPBACK_V4 = range([127, 0, 0, 0], 8, 'loopback');
const LOOPBACK_V6 = range([...new Array<number>(15).fill(0), 1], 128, 'loopback');

const FORBIDDEN_V4: readonly Range[] = [
  range([0, 0, 0, 0], 8, 'unspecified ("this network")'),
  range([10, 0, 0, 0], 8, 'private (RFC 1918)'),
  range([100, 64, 0, 0], 10, 'shared address space (CGNAT)'),
  LOOPBACK_V4,
  range([169, 254, 169, 254], 32, 'the cloud metadata endpoint'),
  range([168, 63, 129, 16], 32, "Azure's platform endpoint (WireServer, DNS)"),
  range([169, 254, 0, 0], 16, 'link-local'),
  range([172, 16, 0, 0], 12, 'private (RFC 1918)'),
  range([192, 0, 0, 0], 24, 'IETF protocol assignments'),
  range([192, 0, 2, 0], 24, 'documentation'),
  range([192, 88, 99, 0], 24, '6to4 relay anycast'),
  range([192, 168, 0, 0], 16, 'private (RFC 1918)'),
  range([198, 18, 0, 0], 15, 'benchmarking'),
  range([198, 51, 100, 0], 24, 'documentation'),
  range([203, 0, 113, 0], 24, 'documentation'),
  range([224, 0, 0, 0], 4, 'multicast'),
  range([240, 0, 0, 0], 4, 'reserved (and broadcast)'),
];

const FORBIDDEN_V6: readonly Range[] = [
  range(new Array<number>(16).fill(0), 128, 'unspecified'),
  LOOPBACK_V6,
  range([...new Array<number>(10).fill(0), 0xff, 0xff], 96, 'IPv4-mapped IPv6'),
  range(new Array<number>(12).fill(0), 96, 'IPv4-compatible IPv6'),
  range([0, 0x64, 0xff, 0x9b], 96, 'NAT64 (carries an IPv4 address)'),
  range([0, 0x64, 0xff, 0x9b, 0, 1], 48, 'local-use NAT64'),
  range([0x01, 0], 64, 'discard-only'),
  range([0x20, 0x01, 0, 0], 32, 'Teredo (carries an IPv4 address)'),
  range([0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'),
  range([0x20, 0x02], 16, '6to4 (carries an IPv4 address)'),
  range([0xfc], 7, 'unique-local'),
  range([0xfe, 0x80], 10, 'link-local'),
  range([0xfe, 0xc0], 10, 'site-local'),
  range([0xff], 8, 'multicast'),
];

function contains(candidate: Range, address: IpBytes): boolean {
  for (let bit = 0; bit < candidate.bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((candidate.prefix[byte] ?? 0) & mask) !== ((address[byte] ?? 0) & mask)) return false;
  }
  return true;
}

export interface AddressPolicy {
  /** Local mode only: receivers on this machine (127.0.0.0/8, ::1) are allowed. */
  readonly allowLoopback: boolean;
}

/**
 * Why a webhook must not be delivered to this IP address, or undefined when it may. Anything that is not an
 * IP literal is refused too: the check runs on the address actually connected to.
 */
export function forbiddenAddressReason(address: string, policy: AddressPolicy): string | undefined {
  const bytes = parseIpLiteral(address);
  if (!bytes) return 'not an IP address';
  const ranges = bytes.length === 4 ? FORBIDDEN_V4 : FORBIDDEN_V6;
  const hit = ranges.find((candidate) => contains(candidate, bytes));
  if (!hit) return undefined;
  if (policy.allowLoopback && (hit === LOOPBACK_V4 || hit === LOOPBACK_V6)) return undefined;
  return hit.reason;
}

export function isLoopbackAddress(address: string): boolean {
  const bytes = parseIpLiteral(address);
  if (!bytes) return false;
  return contains(bytes.length === 4 ? LOOPBACK_V4 : LOOPBACK_V6, bytes);
}
