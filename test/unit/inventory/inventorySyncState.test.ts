import { describe, expect, it } from 'vitest';
import {
  applySyncOutcomes,
  EMPTY_SYNC_STATE,
  snapshotTimeOf,
} from '../../../shared/features/inventory/inventorySyncState';

const T1 = new Date('2026-11-27T10:00:00.000Z');
const T2 = new Date('2026-11-27T10:05:00.000Z');

describe('applySyncOutcomes', () => {
  it('records successes and the time of a sync where every subscription succeeded', () => {
    const state = applySyncOutcomes(
      EMPTY_SYNC_STATE,
      [
        { subscriptionId: 'a', clusterCount: 3 },
        { subscriptionId: 'b', clusterCount: 0 },
      ],
      T1,
    );
    expect(state).toEqual({
      lastSuccessfulSyncAt: T1.toISOString(),
      lastAttemptAt: T1.toISOString(),
      subscriptions: {
        a: { lastAttemptAt: T1.toISOString(), lastSuccessAt: T1.toISOString(), clusterCount: 3 },
        b: { lastAttemptAt: T1.toISOString(), lastSuccessAt: T1.toISOString(), clusterCount: 0 },
      },
    });
  });

  it('keeps the last success of a failed subscription and records its error; a later success clears it', () => {
    const first = applySyncOutcomes(
      EMPTY_SYNC_STATE,
      [
        { subscriptionId: 'a', clusterCount: 3 },
        { subscriptionId: 'b', clusterCount: 1 },
      ],
      T1,
    );
    const failed = applySyncOutcomes(
      first,
      [
        { subscriptionId: 'a', error: { code: 'TooManyRequests', message: 'slow down' } },
        { subscriptionId: 'b', clusterCount: 2 },
      ],
      T2,
    );
    expect(failed.lastSuccessfulSyncAt).toBe(T1.toISOString());
    expect(failed.lastAttemptAt).toBe(T2.toISOString());
    expect(failed.subscriptions.a).toEqual({
      lastAttemptAt: T2.toISOString(),
      lastSuccessAt: T1.toISOString(),
      clusterCount: 3,
      error: { code: 'TooManyRequests', message: 'slow down', at: T2.toISOString() },
    });
    const recovered = applySyncOutcomes(failed, [{ subscriptionId: 'a', clusterCount: 4 }], T2);
    expect(recovered.subscriptions.a).toEqual({
      lastAttemptAt: T2.toISOString(),
      lastSuccessAt: T2.toISOString(),
      clusterCount: 4,
    });
  });

  it('a subscription that never succeeded has no success time', () => {
    const state = applySyncOutcomes(
      EMPTY_SYNC_STATE,
      [{ subscriptionId: 'a', error: { code: 'X', message: 'm' } }],
      T1,
    );
    expect(state.subscriptions.a?.lastSuccessAt).toBeUndefined();
    expect(state.lastSuccessfulSyncAt).toBeUndefined();
  });
});

describe('snapshotTimeOf', () => {
  const state = {
    subscriptions: {
      a: { lastAttemptAt: T2.toISOString(), lastSuccessAt: T2.toISOString() },
      b: { lastAttemptAt: T2.toISOString(), lastSuccessAt: T1.toISOString() },
      c: { lastAttemptAt: T2.toISOString() },
    },
  };

  it('is the oldest success among the subscriptions in scope', () => {
    expect(snapshotTimeOf(state, ['a', 'b'])).toBe(T1.toISOString());
    expect(snapshotTimeOf(state, ['A'])).toBe(T2.toISOString());
  });

  it('is undefined while one of them never synced', () => {
    expect(snapshotTimeOf(state, ['a', 'c'])).toBeUndefined();
    expect(snapshotTimeOf(state, ['a', 'unknown'])).toBeUndefined();
  });
});
