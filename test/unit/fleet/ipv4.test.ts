import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, parseCidr, parseIpv4 } from '../../../shared/domain/fleet/ipv4';

describe('ipv4', () => {
  it.each([
    ['10.0.0.10', 167772170],
    ['255.255.255.255', 4294967295],
    ['256.0.0.1', undefined],
    ['10.0.0', undefined],
  ])('parses %s', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
  });

  it('computes CIDR ranges, ignoring host bits', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ first: 167772160, last: 167837695 });
    expect(parseCidr('10.0.5.7/24')).toEqual(parseCidr('10.0.5.0/24'));
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });

  it('answers containment and overlap', () => {
    const services = parseCidr('10.0.0.0/16')!;
    expect(cidrContains(services, parseIpv4('10.0.0.10')!)).toBe(true);
    expect(cidrContains(services, parseIpv4('10.1.0.10')!)).toBe(false);
    expect(cidrsOverlap(services, parseCidr('10.244.0.0/16')!)).toBe(false);
    expect(cidrsOverlap(services, parseCidr('10.0.128.0/17')!)).toBe(true);
    expect(cidrsOverlap(parseCidr('0.0.0.0/0')!, services)).toBe(true);
  });
});
