import { describe, expect, it } from 'vitest';
import { readEndOfSupportDates } from '../../../shared/features/inventory/endOfSupportDates';

describe('readEndOfSupportDates', () => {
  it('passes the calendar\'s two maps on', async () => {
    const read = await readEndOfSupportDates(() =>
      Promise.resolve({ endOfSupport: { '1.34': '2026-11-30' }, endOfLongTermSupport: { '1.33': '2027-07-31' } }),
    );
    expect(read).toEqual({
      dates: { endOfSupport: { '1.34': '2026-11-30' }, endOfLongTermSupport: { '1.33': '2027-07-31' } },
      outcome: { status: 'succeeded' },
    });
  });

  it('turns a failed read into no dates and a recorded failure with the storage code', async () => {
    const storageError = Object.assign(new Error('Server busy'), { statusCode: 503, code: 'ServerBusy' });
    expect(await readEndOfSupportDates(() => Promise.reject(storageError))).toEqual({
      dates: {},
      outcome: { status: 'failed', error: { code: 'ServerBusy', message: 'Server busy' } },
    });
  });

  it('names a failure without a code by its status or its type, and bounds the message', async () => {
    const noCode = Object.assign(new Error('x'), { statusCode: 500 });
    expect((await readEndOfSupportDates(() => Promise.reject(noCode))).outcome.error?.code).toBe('Http500');
    const corrupt = new TypeError('y'.repeat(2_000));
    const { outcome } = await readEndOfSupportDates(() => Promise.reject(corrupt));
    expect(outcome.error?.code).toBe('TypeError');
    expect(outcome.error?.message).toHaveLength(500);
  });
});
