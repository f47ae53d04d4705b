import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseQueueHostOptions } from '../../../local/host/queues/queueHostOptions';
import { parseTimeSpanMs } from '../../../local/host/queues/timeSpan';

const consumption = { WEBSITE_SKU: 'Dynamic' };

describe('host.json extensions.queues', () => {
  it('has the extension defaults', () => {
    expect(parseQueueHostOptions(undefined, consumption)).toEqual({
      batchSize: 16,
      newBatchThreshold: 8,
      maxPollingIntervalMs: 60_000,
      visibilityTimeoutMs: 0,
      maxDequeueCount: 5,
      messageEncoding: 'base64',
    });
  });

  it('scales the default newBatchThreshold by the processors outside the Consumption plan', () => {
    expect(parseQueueHostOptions({ batchSize: 5 }, {}).newBatchThreshold).toBe(2 * availableParallelism());
    expect(parseQueueHostOptions({ batchSize: 5 }, consumption).newBatchThreshold).toBe(2);
    expect(parseQueueHostOptions({ batchSize: 5, newBatchThreshold: 0 }, {}).newBatchThreshold).toBe(0);
  });

  it('binds keys case-insensitively, numbers from strings, durations as TimeSpans', () => {
    const options = parseQueueHostOptions(
      {
        BatchSize: '4',
        maxPollingInterval: '00:00:02',
        VisibilityTimeout: '00:00:00.250',
        maxDequeueCount: 2,
        messageEncoding: 'None',
      },
      consumption,
    );
    expect(options).toEqual({
      batchSize: 4,
      newBatchThreshold: 2,
      maxPollingIntervalMs: 2_000,
      visibilityTimeoutMs: 250,
      maxDequeueCount: 2,
      messageEncoding: 'none',
    });
  });

  it.each([
    [{ batchSize: 33 }, /extensions\.queues\.batchSize: .*32/],
    [{ batchSize: 0 }, /batchSize/],
    [{ maxDequeueCount: 0 }, /maxDequeueCount/],
    [{ maxPollingInterval: '00:00:00.050' }, /maxPollingInterval: must be at least 00:00:00.100/],
    [{ maxPollingInterval: 2000 }, /maxPollingInterval/],
    [{ visibilityTimeout: '2000' }, /visibilityTimeout: "2000" is not a duration/],
    [{ messageEncoding: 'utf8' }, /messageEncoding/],
    [{ batchsize: 4, maxPolingInterval: '00:00:01' }, /extensions\.queues\.maxPolingInterval: /],
  ])('refuses %j', (queues, message) => {
    expect(() => parseQueueHostOptions(queues, consumption)).toThrow(message);
  });
});

describe('TimeSpan durations', () => {
  it.each([
    ['00:00:30', 30_000],
    ['00:01', 60_000],
    ['00:00:00.5', 500],
    ['00:00:00.1234567', 123.4567],
    ['1.02:03:04', ((24 + 2) * 60 + 3) * 60_000 + 4_000],
  ])('reads %s', (text, ms) => {
    expect(parseTimeSpanMs(text)).toBeCloseTo(ms, 6);
  });

  it.each(['30', '1:2:3:4', '00:60:00', '24:00:00', 'soon', ''])('refuses %j', (text) => {
    expect(() => parseTimeSpanMs(text)).toThrow(/not a duration/);
  });
});
