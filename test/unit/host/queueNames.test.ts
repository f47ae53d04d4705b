import { describe, expect, it } from 'vitest';
import { poisonQueueNameOf, resolveQueueName } from '../../../local/host/queues/queueNames';

describe('trigger queue names', () => {
  it('resolves %settings% and lower-cases', () => {
    expect(resolveQueueName('Orders-%REGION%', { REGION: 'EU' })).toBe('orders-eu');
    expect(resolveQueueName('%QUEUE%', { QUEUE: 'work-items' })).toBe('work-items');
  });

  it('names a setting that does not resolve', () => {
    expect(() => resolveQueueName('%MISSING%', {})).toThrow("'%MISSING%' does not resolve to a value.");
  });

  it.each(['ab', 'a'.repeat(64), '-work', 'work-', 'work--items', 'work_items', 'wörk'])(
    'refuses %j',
    (name) => {
      expect(() => resolveQueueName(name, {})).toThrow(/Invalid queue name/);
    },
  );

  it('gives each queue a poison queue unless it is one or the name would be too long', () => {
    expect(poisonQueueNameOf('work-items')).toBe('work-items-poison');
    expect(poisonQueueNameOf('work-items-poison')).toBeUndefined();
    expect(poisonQueueNameOf('a'.repeat(56))).toBe(`${'a'.repeat(56)}-poison`);
    expect(poisonQueueNameOf('a'.repeat(57))).toBeUndefined();
  });
});
