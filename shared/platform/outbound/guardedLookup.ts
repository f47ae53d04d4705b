import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { forbiddenAddressReason, type AddressPolicy } from '../../domain/webhooks';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to its addresses (DNS by default; tests inject their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** A name resolved to an address a webhook may not reach. */
export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';
  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to a forbidden address (${reason})`);
  }
}

/** Every address of the name, refusing the name when any of them is forbidden (no choosing the good one). */
export async function resolveAllowed(hostname: string, resolver: HostResolver, policy: AddressPolicy): Promise<ResolvedAddress[]> {
  const addresses = await resolver(hostname);
  if (addresses.length === 0) throw new ForbiddenAddressError(hostname, 'no address');
  for (const { address } of addresses) {
    const reason = forbiddenAddressReason(address, policy);
    if (reason) throw new ForbiddenAddressError(hostname, reason);
  }
  return addresses;
}

/**
 * The `lookup` a socket uses to connect: the addresses it returns are the ones the socket connects to, so checking
 * them here checks the connection itself — a name that resolves to a public address when the subscription is
 * created and to 169.254.169.254 when the event is sent (DNS rebinding) is refused at that moment.
 */
export function guardedLookup(resolver: HostResolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, resolver, policy).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, wanted);
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
