import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_TENANT_ID, startDevIssuer, type RunningDevIssuer } from '../../local/dev-issuer';
import { startLocalHost, type StartedHost } from '../support/localHost';
import { uniqueTablePrefix } from '../support/storage';
import { auditRecordsOf, fleetplaneCaller } from './support/fleetplaneCaller';

const AUDIENCE = 'api://fleetplane-reliability';
const ADMIN = '0c000000-0000-4000-8000-000000000001';
const ROUNDS = 8;
const WORKERS_PER_HOST = 2;

/**
 * §5.8 F6: two local hosts on one storage account race read-modify-write rounds on one shared document (the
 * guardrails, ETag-guarded). Every worker reads the same version, then all write with If-Match at once: exactly one
 * wins each round, every other answer is a 412 problem, no accepted change is lost, and every attempt is audited.
 */
describe('two hosts racing on one document (F6)', () => {
  let issuer: RunningDevIssuer;
  const hosts: StartedHost[] = [];
  let admin: string;

  beforeAll(async () => {
    issuer = await startDevIssuer({ port: 0, dir: mkdtempSync(path.join(tmpdir(), 'fleetplane-issuer-')) });
    const env = {
      AzureWebJobsStorage: inject('storageConnectionString'),
      FLEETPLANE_TABLE_PREFIX: uniqueTablePrefix(),
      FLEETPLANE_DEV_ISSUER: issuer.issuerUrl,
      FLEETPLANE_AUTH_AUDIENCES: AUDIENCE,
      FLEETPLANE_BOOTSTRAP_OWNERS: `user:${ADMIN}@${DEV_TENANT_ID}`,
      LOCAL_HOST_TIMERS: 'false',
      LOCAL_HOST_QUEUES: 'false',
    };
    hosts.push(...(await Promise.all([startLocalHost({ env }), startLocalHost({ env })])));
    admin = await issuer.signToken({ audience: AUDIENCE, oid: ADMIN });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.stop()));
    await issuer?.close();
  });

  it('one write wins per round, the rest get 412, and the document holds exactly the winners', async () => {
    const workers = hosts.flatMap((host, h) =>
      Array.from({ length: WORKERS_PER_HOST }, (_, w) => ({ name: `h${h}w${w}`, call: fleetplaneCaller(() => host.origin) })),
    );
    // Before the first stored version there is nothing to be conditional on (If-Match needs a version).
    expect((await workers[0]!.call('PUT', 'guardrails', admin, { allowedLocations: [] })).status).toBe(200);
    const winners: string[] = [];
    const attempts: { correlationId: string; status: number; host: StartedHost }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const reads = await Promise.all(workers.map((worker) => worker.call('GET', 'guardrails', admin)));
      const writes = await Promise.all(
        workers.map((worker, i) => {
          const read = reads[i]!;
          const mine = `r${round}${worker.name}`;
          const next = { ...read.body, allowedLocations: [...(read.body.allowedLocations ?? []), mine] };
          return worker.call('PUT', 'guardrails', admin, next, { 'if-match': read.headers.get('etag')! }).then((result) => ({ result, mine }));
        }),
      );
      const statuses = writes.map((w) => w.result.status);
      expect(statuses.filter((s) => s === 200), `round ${round}: ${statuses.join(',')}`).toHaveLength(1);
      for (const { result } of writes.filter((w) => w.result.status !== 200)) {
        expect(result.status).toBe(412);
        expect(result.headers.get('content-type')).toBe('application/problem+json');
      }
      winners.push(writes.find((w) => w.result.status === 200)!.mine);
      writes.forEach(({ result }, i) => attempts.push({ correlationId: result.correlationId, status: result.status, host: hosts[Math.floor(i / WORKERS_PER_HOST)]! }));
    }
    const final = await workers[0]!.call('GET', 'guardrails', admin);
    expect(final.body.allowedLocations).toEqual(winners);

    const call = fleetplaneCaller(() => hosts[0]!.origin);
    for (const attempt of attempts) {
      const records = await auditRecordsOf(call, admin, attempt.correlationId);
      expect(records.map((r) => r.status)).toEqual([attempt.status]);
    }
  });
});
