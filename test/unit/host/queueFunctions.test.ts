import { describe, expect, it } from 'vitest';
import type { BindingMetadata, Registration } from '../../../local/host/functionsCoreShim';
import { queueFunctionsOf } from '../../../local/host/queues/queueFunctions';

const registration = (name: string, trigger: Partial<BindingMetadata>): Registration => ({
  metadata: { name, bindings: { queueTrigger1a2b: { type: 'queueTrigger', direction: 'in', ...trigger } } },
  handler: () => undefined,
});

describe('queue functions from registrations', () => {
  it('resolves the queue name and defaults the connection, keeping the trigger binding for the context', () => {
    const [fn] = queueFunctionsOf([registration('resize', { queueName: 'Pool-%ENV%', connection: '' })], {
      ENV: 'dev',
    });
    expect(fn).toMatchObject({
      name: 'resize',
      queueName: 'pool-dev',
      connection: 'AzureWebJobsStorage',
      trigger: { type: 'queueTrigger', name: 'queueTrigger1a2b', queueName: 'Pool-%ENV%' },
    });
  });

  it('ignores other triggers', () => {
    const timer: Registration = {
      metadata: {
        name: 'tick',
        bindings: { t: { type: 'timerTrigger', direction: 'in', schedule: '0 * * * * *' } },
      },
      handler: () => undefined,
    };
    expect(queueFunctionsOf([timer], {})).toEqual([]);
  });

  it('names the function whose queue name is unusable', () => {
    expect(() => queueFunctionsOf([registration('bad', { queueName: 'no_underscores' })], {})).toThrow(
      /^Queue function "bad": Invalid queue name "no_underscores"/,
    );
    expect(() => queueFunctionsOf([registration('none', {})], {})).toThrow(
      'Queue function "none" has no queueName.',
    );
  });
});
