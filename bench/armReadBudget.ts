/**
 * `node dist/bench/armReadBudget.js` (after a build): what keeping the ARM read count costs where it is kept.
 *  - in process: `ArmReadBudget.spend` per read (the chosen design: each instance keeps 1/N of ARM's bucket);
 *  - in Storage: one shared counter row read and conditionally replaced (ETag) per read, sequentially and with
 *    WRITERS concurrent instances racing on the row (412 → read again), as a shared bucket would need.
 * Prints per-read latency (p50/p99) and the share of 412 retries. Azurite on loopback is the floor of a real
 * account, where a round trip is milliseconds, not microseconds.
 */
import { performance } from 'node:perf_hooks';
import { TableClient } from '@azure/data-tables';
import { startAzurite } from '../local/azurite/startAzurite';
import { ArmReadBudget } from '../shared/platform/arm/armReadBudget';
import { percentile } from './support/percentile';

const READS = Number(process.env.BENCH_READS ?? 400);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 4);
const SUB = '11111111-2222-4333-8444-555555555555';

function inProcess(): number[] {
  const budget = new ArmReadBudget({ arm: { capacity: 1e9, refillPerSecond: 1e9 }, instances: 1, systemShare: 0.2, callerShare: 0.25 });
  const samples: number[] = [];
  for (let i = 0; i < READS * 100; i++) {
    const started = performance.now();
    budget.spend(SUB, { kind: 'caller', id: `tenant/caller-${i % 50}` });
    samples.push(performance.now() - started);
  }
  return samples;
}

/** One read of the shared counter row and its conditional replace; retried on 412. Returns the retries. */
async function spendInStorage(table: TableClient): Promise<number> {
  for (let retries = 0; ; retries++) {
    const row = await table.getEntity<{ tokens: number }>('budget', SUB);
    try {
      await table.updateEntity({ partitionKey: 'budget', rowKey: SUB, tokens: row.tokens - 1 }, 'Replace', { etag: row.etag });
      return retries;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 412) throw error;
    }
  }
}

async function inStorage(table: TableClient, writers: number): Promise<{ samples: number[]; retries: number }> {
  await table.upsertEntity({ partitionKey: 'budget', rowKey: SUB, tokens: 1e9 }, 'Replace');
  const samples: number[] = [];
  let retries = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = 0; i < READS / writers; i++) {
        const started = performance.now();
        retries += await spendInStorage(table);
        samples.push(performance.now() - started);
      }
    }),
  );
  return { samples, retries };
}

const show = (name: string, samples: number[], extra = '') =>
  console.log(`${name.padEnd(34)} p50 ${percentile(samples, 50).toFixed(4)} ms  p99 ${percentile(samples, 99).toFixed(4)} ms ${extra}`);

async function main(): Promise<void> {
  show('in-process budget, per read', inProcess());
  const azurite = await startAzurite();
  try {
    const table = TableClient.fromConnectionString(azurite.connectionString, 'benchreadbudget', { allowInsecureConnection: true });
    await table.createTable();
    const alone = await inStorage(table, 1);
    show('storage counter, 1 instance', alone.samples);
    const racing = await inStorage(table, WRITERS);
    show(`storage counter, ${WRITERS} instances racing`, racing.samples, `(412 retries: ${((100 * racing.retries) / READS).toFixed(0)} % of reads)`);
  } finally {
    await azurite.stop();
  }
}

void main();
