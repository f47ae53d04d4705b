import type { Timer } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { OccurrenceClaims } from '../../../local/host/timers/occurrenceClaims';
import { parseNcrontab } from '../../../local/host/timers/ncrontab';
import { TimerScheduler, timerFunctionsOf, type TimerFunction } from '../../../local/host/timers/timerScheduler';
import { StorageAccount } from '../../../shared/platform/storage/storageAccount';
import { hostBlobService } from '../../../local/host/timers/hostBlobStorage';
import { testSettings, uniqueTablePrefix } from '../../support/storage';

const silent = () => undefined;

function recordingTimer(schedule: string, runOnStartup = false) {
  const calls: Timer[] = [];
  const timer: TimerFunction = {
    name: 'tick',
    schedule: parseNcrontab(schedule),
    runOnStartup,
    useMonitor: true,
    handler: (payload) => {
      calls.push(payload as Timer);
    },
  };
  return { timer, calls };
}

const claimsFor = (hostId: string) => {
  const settings = testSettings();
  return new OccurrenceClaims(hostBlobService(settings, new StorageAccount(settings)), hostId);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timer scheduling with the blob-lease singleton', () => {
  it('runs each occurrence once when two schedulers share storage', async () => {
    const hostId = uniqueTablePrefix();
    const a = recordingTimer('*/1 * * * * *');
    const b = recordingTimer('*/1 * * * * *');
    const hostA = new TimerScheduler([a.timer], { claims: claimsFor(hostId), logSink: silent });
    const hostB = new TimerScheduler([b.timer], { claims: claimsFor(hostId), logSink: silent });
    await Promise.all([hostA.start(), hostB.start()]);
    await sleep(3_600);
    await Promise.all([hostA.stop(), hostB.stop()]);
    const occurrences = [...a.calls, ...b.calls].map((call) => call.scheduleStatus.next);
    expect(occurrences.length).toBeGreaterThanOrEqual(3);
    expect(new Set(occurrences).size).toBe(occurrences.length);
  });

  it('runs on startup when asked, without claiming an occurrence', async () => {
    const { timer, calls } = recordingTimer('0 0 0 1 1 *', true);
    const scheduler = new TimerScheduler([timer], { claims: claimsFor(uniqueTablePrefix()), logSink: silent });
    await scheduler.start();
    await sleep(200);
    await scheduler.stop();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.isPastDue).toBe(false);
  });

  it('runs a missed occurrence at start with isPastDue', async () => {
    const hostId = uniqueTablePrefix();
    const claims = claimsFor(hostId);
    const longAgo = new Date(Date.now() - 3_600_000);
    const seeded = await claims.claim('tick', new Date(longAgo.getTime() - 60_000), longAgo, longAgo);
    if (seeded.claimed) await seeded.release();
    const { timer, calls } = recordingTimer('0 0 0 1 1 *');
    const scheduler = new TimerScheduler([timer], { claims, logSink: silent });
    await scheduler.start();
    await sleep(300);
    await scheduler.stop();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.isPastDue).toBe(true);
    expect(Date.parse(calls[0]!.scheduleStatus.last)).toBe(longAgo.getTime() - 60_000);
  });

  it('marks a tick that fires late as past due', async () => {
    const { timer, calls } = recordingTimer('*/1 * * * * *');
    let skewMs = 0;
    const scheduler = new TimerScheduler([timer], {
      claims: claimsFor(uniqueTablePrefix()),
      logSink: silent,
      now: () => new Date(Date.now() + skewMs),
    });
    await scheduler.start();
    skewMs = 5_000;
    await sleep(1_300);
    await scheduler.stop();
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]!.isPastDue).toBe(true);
  });

  it('never starts a run on another host while one is still running', async () => {
    const hostId = uniqueTablePrefix();
    let running = 0;
    let overlapped = false;
    const slowTimer = (): TimerFunction => ({
      name: 'slow',
      schedule: parseNcrontab('*/1 * * * * *'),
      runOnStartup: false,
      useMonitor: false,
      handler: async () => {
        running += 1;
        if (running > 1) overlapped = true;
        await sleep(1_500);
        running -= 1;
      },
    });
    const hostA = new TimerScheduler([slowTimer()], { claims: claimsFor(hostId), logSink: silent });
    const hostB = new TimerScheduler([slowTimer()], { claims: claimsFor(hostId), logSink: silent });
    await Promise.all([hostA.start(), hostB.start()]);
    await sleep(4_000);
    await Promise.all([hostA.stop(), hostB.stop()]);
    expect(overlapped).toBe(false);
  });

  it('refuses five-field schedules when reading registrations', () => {
    const registration = {
      metadata: { name: 'bad', bindings: { t: { type: 'timerTrigger', direction: 'in' as const, schedule: '0 5 * * *' } } },
      handler: () => undefined,
    };
    expect(() => timerFunctionsOf([registration])).toThrow(/expected 6 fields/);
  });
});
