import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostResolver } from '../../../shared/platform/outbound/guardedLookup';
import { WebhookSender } from '../../../shared/platform/outbound/webhookSender';
import { WebhookReceiver } from '../../support/webhookReceiver';

const AZURE = { allowLoopback: false };
const LOCAL = { allowLoopback: true };
const resolvesTo = (address: string): HostResolver => () => Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);

describe('WebhookSender: SSRF-safe delivery (loopback receivers)', () => {
  let receiver: WebhookReceiver;
  let secure: WebhookReceiver;
  const sender = (options: Partial<ConstructorParameters<typeof WebhookSender>[0]> = {}) =>
    new WebhookSender({ policy: LOCAL, connectTimeoutMs: 1_000, totalTimeoutMs: 2_000, ...options });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start('http');
    secure = await WebhookReceiver.start('https');
  });
  afterAll(async () => {
    await receiver.close();
    await secure.close();
  });
  afterEach(() => {
    receiver.received.length = 0;
    secure.received.length = 0;
    receiver.respond = () => ({ status: 200 });
  });

  it('posts JSON to an http loopback receiver in local mode, and to an https one by name', async () => {
    expect(await sender().post(receiver.url(), { 'webhook-id': 'a' }, '{"x":1}')).toMatchObject({ kind: 'answered', status: 200 });
    expect(receiver.received[0]).toMatchObject({ body: '{"x":1}', headers: { 'content-type': 'application/json', 'webhook-id': 'a' } });
    expect(await sender().post(secure.url('/hook', 'localhost'), {}, '{}')).toMatchObject({ kind: 'answered', status: 200 });
  });

  it('azure mode: a name that resolves to 127.0.0.1 is refused at connect time and nothing is sent', async () => {
    const outcome = await sender({ policy: AZURE, resolver: resolvesTo('127.0.0.1') }).post(`https://hooks.example.test:${secure.port}/hook`, {}, '{}');
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'forbiddenAddress', message: 'hooks.example.test resolves to a forbidden address (loopback)' });
    expect(secure.received).toHaveLength(0);
  });

  it('DNS rebinding: the address checked is the one connected to, on every attempt', async () => {
    let answers = 0;
    const rebinding: HostResolver = () => Promise.resolve([{ address: answers++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 }]);
    const local = sender({ resolver: rebinding });
    expect(await local.post(`http://localhost:${receiver.port}/hook`, {}, '{}')).toMatchObject({ kind: 'answered', status: 200 });
    expect(await local.post(`http://localhost:${receiver.port}/hook`, {}, '{}')).toMatchObject({ kind: 'failed', reason: 'forbiddenAddress', message: expect.stringContaining('metadata') });
    expect(receiver.received).toHaveLength(1);
  });

  it('a name with one good and one forbidden address is refused', async () => {
    const mixed: HostResolver = () => Promise.resolve([{ address: '20.1.2.3', family: 4 }, { address: 'fd00::1', family: 6 }]);
    expect(await sender({ policy: AZURE, resolver: mixed }).post('https://hooks.example.test/', {}, '{}')).toMatchObject({ reason: 'forbiddenAddress', message: expect.stringContaining('unique-local') });
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data', 'forbiddenAddress'],
    ['https://[::ffff:10.0.0.1]/hook', 'forbiddenAddress'],
    ['http://hooks.example.test/hook', 'invalidUrl'],
  ])('azure mode refuses %s before connecting', async (url, reason) => {
    expect(await sender({ policy: AZURE, resolver: resolvesTo('20.1.2.3') }).post(url, {}, '{}')).toMatchObject({ kind: 'failed', reason });
  });

  it('does not follow a redirect: the 3xx is the answer and its target hears nothing', async () => {
    const target = await WebhookReceiver.start('http');
    try {
      receiver.respond = () => ({ status: 307, headers: { location: target.url() } });
      expect(await sender().post(receiver.url(), {}, '{}')).toMatchObject({ kind: 'answered', status: 307 });
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('reads at most a small part of a huge answer and keeps none of it', async () => {
    receiver.respond = () => ({ status: 200, body: 'x'.repeat(5_000_000) });
    const outcome = await sender().post(receiver.url(), {}, '{}');
    expect(outcome).toEqual({ kind: 'answered', status: 200, durationMs: expect.any(Number) });
  });

  it('a receiver that never answers is cut at the total timeout; a resolver that hangs at the connect timeout', async () => {
    receiver.respond = () => 'hang';
    expect(await sender({ totalTimeoutMs: 600 }).post(receiver.url(), {}, '{}')).toMatchObject({ kind: 'failed', reason: 'timeout' });
    const hangingResolver: HostResolver = () => new Promise(() => undefined);
    const outcome = await sender({ resolver: hangingResolver, connectTimeoutMs: 300 }).post(`http://localhost:${receiver.port}/`, {}, '{}');
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'connectTimeout' });
    expect(outcome.durationMs).toBeLessThan(1_500);
  });
});
