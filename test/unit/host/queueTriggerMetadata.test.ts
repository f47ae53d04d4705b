import type { DequeuedMessageItem } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { dotnetDateTimeOffset, queueTriggerMetadata } from '../../../local/host/queues/queueTriggerMetadata';

const message: DequeuedMessageItem = {
  messageId: '814b3b66-0200-4121-8ef3-405846a124bf',
  popReceipt: 'AgAAAAMAAAAAAAAAY5ar20G42AE=',
  dequeueCount: 2,
  insertedOn: new Date('2022-08-25T05:06:39Z'),
  expiresOn: new Date('2022-09-01T05:06:39Z'),
  nextVisibleOn: new Date('2022-08-25T05:16:40Z'),
  messageText: 'unused: the decoded text is passed separately',
};

const silent = () => undefined;

describe('queue trigger metadata', () => {
  it('carries the names, casing and formats the Node worker provides', () => {
    expect(queueTriggerMetadata(message, 'plain text', silent)).toEqual({
      queueTrigger: 'plain text',
      dequeueCount: 2,
      expirationTime: '2022-09-01T05:06:39+00:00',
      id: '814b3b66-0200-4121-8ef3-405846a124bf',
      insertionTime: '2022-08-25T05:06:39+00:00',
      nextVisibleTime: '2022-08-25T05:16:40+00:00',
      popReceipt: 'AgAAAAMAAAAAAAAAY5ar20G42AE=',
    });
  });

  it("adds a JSON object message's top-level properties, which win over the built-in names; keys camel-cased", () => {
    const text = JSON.stringify({
      id: 'from-payload',
      Name: 'world',
      count: 3,
      ratio: 1.5,
      flag: true,
      nested: { Inner: { Deep: 1 } },
      list: [1, 2],
      nothing: null,
    });
    const metadata = queueTriggerMetadata(message, text, silent);
    expect(metadata).toMatchObject({
      queueTrigger: {
        id: 'from-payload',
        name: 'world',
        nested: { inner: { deep: 1 } },
        list: [1, 2],
        nothing: null,
      },
      id: 'from-payload',
      name: 'world',
      count: 3,
      ratio: 1.5,
      flag: 'True',
      nested: { inner: { deep: 1 } },
    });
    expect(metadata).not.toHaveProperty('list');
    expect(metadata).not.toHaveProperty('nothing');
  });

  it('matches payload properties to the built-in names ignoring case', () => {
    const metadata = queueTriggerMetadata(message, '{"ID":"upper","DEQUEUECOUNT":"7"}', silent);
    expect(metadata.id).toBe('upper');
    expect(metadata.dequeueCount).toBe(7);
    expect(Object.keys(metadata)).not.toContain('iD');
  });

  it('adds nothing for JSON that is not an object', () => {
    expect(Object.keys(queueTriggerMetadata(message, '[{"id":1}]', silent))).toHaveLength(7);
    expect(queueTriggerMetadata(message, '42', silent).queueTrigger).toBe(42);
  });

  it('answers the SDK-style names locally, hidden from enumeration and with a warning', () => {
    const warnings: string[] = [];
    const metadata = queueTriggerMetadata(message, 'x', (w) => warnings.push(w));
    expect(metadata.insertedOn).toBe('2022-08-25T05:06:39+00:00');
    expect(metadata.expiresOn).toBe(metadata.expirationTime);
    expect(metadata.nextVisibleOn).toBe(metadata.nextVisibleTime);
    expect(Object.keys(metadata)).not.toContain('insertedOn');
    expect(JSON.parse(JSON.stringify(metadata))).not.toHaveProperty('expiresOn');
    expect(warnings).toEqual([
      'triggerMetadata.insertedOn exists only in the local host; in Azure read triggerMetadata.insertionTime.',
      'triggerMetadata.expiresOn exists only in the local host; in Azure read triggerMetadata.expirationTime.',
      'triggerMetadata.nextVisibleOn exists only in the local host; in Azure read triggerMetadata.nextVisibleTime.',
    ]);
  });

  it('writes times as Json.NET writes a DateTimeOffset', () => {
    expect(dotnetDateTimeOffset(new Date('2024-05-01T12:00:00.000Z'))).toBe('2024-05-01T12:00:00+00:00');
    expect(dotnetDateTimeOffset(new Date('2024-05-01T12:00:00.250Z'))).toBe('2024-05-01T12:00:00.25+00:00');
    expect(dotnetDateTimeOffset(new Date('9999-12-31T23:59:59Z'))).toBe('9999-12-31T23:59:59+00:00');
  });
});
