import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason, parseIpLiteral } from '../../../shared/domain/webhooks';

const AZURE = { allowLoopback: false };
const LOCAL = { allowLoopback: true };

describe('forbiddenAddressReason (where a webhook is never delivered)', () => {
  it.each([
    ['169.254.169.254', 'the cloud metadata endpoint'],
    ['169.254.1.1', 'link-local'],
    ['168.63.129.16', "Azure's platform endpoint (WireServer, DNS)"],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private (RFC 1918)'],
    ['172.16.0.1', 'private (RFC 1918)'],
    ['172.31.255.255', 'private (RFC 1918)'],
    ['192.168.10.1', 'private (RFC 1918)'],
    ['100.64.0.1', 'shared address space (CGNAT)'],
    ['100.127.255.255', 'shared address space (CGNAT)'],
    ['0.0.0.0', 'unspecified ("this network")'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved (and broadcast)'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped IPv6'],
    ['::ffff:a00:1', 'IPv4-mapped IPv6'],
    ['::127.0.0.1', 'IPv4-compatible IPv6'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 (carries an IPv4 address)'],
    ['2002:a9fe:a9fe::1', '6to4 (carries an IPv4 address)'],
    ['2001:0:4136:e378::1', 'Teredo (carries an IPv4 address)'],
    ['fd00::1', 'unique-local'],
    ['fc12:3456::1', 'unique-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['[::1]', 'loopback'],
  ])('%s is refused: %s', (address, reason) => {
    expect(forbiddenAddressReason(address, AZURE)).toBe(reason);
  });

  it.each(['8.8.8.8', '20.50.2.1', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.1.1', '2603:1030::1', '2001:4860:4860::8888'])(
    '%s (public) is allowed',
    (address) => {
      expect(forbiddenAddressReason(address, AZURE)).toBeUndefined();
    },
  );

  it('loopback only in local mode; every other forbidden range stays forbidden there', () => {
    expect(forbiddenAddressReason('127.0.0.1', LOCAL)).toBeUndefined();
    expect(forbiddenAddressReason('::1', LOCAL)).toBeUndefined();
    expect(forbiddenAddressReason('169.254.169.254', LOCAL)).toBe('the cloud metadata endpoint');
    expect(forbiddenAddressReason('::ffff:127.0.0.1', LOCAL)).toBe('IPv4-mapped IPv6');
    expect(forbiddenAddressReason('10.1.2.3', LOCAL)).toBe('private (RFC 1918)');
  });

  it('anything that is not an IP literal is refused (the check is on the connected address)', () => {
    expect(forbiddenAddressReason('example.com', AZURE)).toBe('not an IP address');
    expect(forbiddenAddressReason('0177.0.0.1', AZURE)).toBe('not an IP address');
    expect(forbiddenAddressReason('1::2::3', AZURE)).toBe('not an IP address');
  });

  it('parses IPv6 forms to the same bytes', () => {
    expect(parseIpLiteral('::ffff:10.0.0.1')).toEqual(parseIpLiteral('0:0:0:0:0:ffff:a00:1'));
    expect(parseIpLiteral('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIpLiteral('1:2:3:4:5:6:7::8')).toBeUndefined();
  });
});
