import type { DequeuedMessageItem } from '@azure/storage-queue';
import { asWorkerValue } from './queueMessageDecoding';

export type TriggerMetadata = Record<string, unknown>;

/** Local-only names some callers expect (the Storage SDK's); Azure provides only the names on the right. */
const LOCAL_ALIASES = {
  insertedOn: 'insertionTime',
  expiresOn: 'expirationTime',
  nextVisibleOn: 'nextVisibleTime',
};

/**
 * `context.triggerMetadata` as the Node worker builds it from the host's binding data for a queue message:
 * QueueTrigger, DequeueCount, ExpirationTime, Id, InsertionTime, NextVisibleTime, PopReceipt, with the first
 * letter lower-cased, text values JSON-parsed when they parse, times as .NET writes a DateTimeOffset
 * ("2024-05-01T12:00:00+00:00"). When the message is a JSON object, the host also adds its top-level
 * properties, and they win over the names above (a known host behaviour: a payload `id` hides the message id).
 *
 * The SDK-style names insertedOn, expiresOn and nextVisibleOn are readable too, but not enumerable and each
 * read calls `warn`, because code relying on them would break in Azure.
 */
export function queueTriggerMetadata(
  message: DequeuedMessageItem,
  text: string,
  warn: (message: string) => void,
): TriggerMetadata {
  const bindingData = new CaseInsensitiveBindingData();
  bindingData.set('QueueTrigger', asWorkerValue(text));
  bindingData.set('DequeueCount', message.dequeueCount);
  bindingData.set('ExpirationTime', dotnetDateTimeOffset(message.expiresOn));
  bindingData.set('Id', asWorkerValue(message.messageId));
  bindingData.set('InsertionTime', dotnetDateTimeOffset(message.insertedOn));
  bindingData.set('NextVisibleTime', dotnetDateTimeOffset(message.nextVisibleOn));
  bindingData.set('PopReceipt', asWorkerValue(message.popReceipt));
  for (const [name, value] of payloadBindingData(text)) bindingData.set(name, value);
  const metadata = bindingData.toWorkerMetadata();
  defineLocalAliases(metadata, warn);
  return metadata;
}

/** The host's binding data dictionary ignores case: a payload `ID` replaces `Id` and keeps its spelling. */
class CaseInsensitiveBindingData {
  private readonly entries = new Map<string, { name: string; value: unknown }>();

  set(name: string, value: unknown): void {
    const existing = this.entries.get(name.toLowerCase());
    this.entries.set(name.toLowerCase(), { name: existing?.name ?? name, value });
  }

  /** The worker lower-cases each key's first letter, also inside object values. */
  toWorkerMetadata(): TriggerMetadata {
    const metadata: TriggerMetadata = {};
    for (const { name, value } of this.entries.values()) metadata[lowerFirst(name)] = camelCaseKeys(value);
    return metadata;
  }
}

/**
 * The host's extra binding data for a JSON object message: each top-level property except arrays and nulls;
 * objects stay objects, other values travel as .NET strings (numbers as text, booleans "True"/"False") that the
 * worker JSON-parses again. Not mirrored: Json.NET turning date-like strings into .NET-formatted dates.
 */
function payloadBindingData(text: string): [string, unknown][] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return [];
  let payload: unknown;
  try {
    payload = JSON.parse(trimmed);
  } catch {
    return [];
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return [];
  return Object.entries(payload as Record<string, unknown>)
    .filter(([, value]) => value !== null && !Array.isArray(value))
    .map(([name, value]) => [name, typeof value === 'object' ? value : asWorkerValue(dotnetString(value))]);
}

function dotnetString(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** Json.NET's default DateTimeOffset form: fraction only when non-zero, offset as +00:00. */
export function dotnetDateTimeOffset(date: Date): string {
  return date
    .toISOString()
    .replace(/\.(\d*?)0*Z$/, (_, fraction: string) => (fraction ? `.${fraction}` : '') + 'Z')
    .replace(/Z$/, '+00:00');
}

function defineLocalAliases(metadata: TriggerMetadata, warn: (message: string) => void): void {
  for (const [alias, realName] of Object.entries(LOCAL_ALIASES)) {
    if (alias in metadata) continue;
    Object.defineProperty(metadata, alias, {
      enumerable: false,
      get() {
        warn(`triggerMetadata.${alias} exists only in the local host; in Azure read triggerMetadata.${realName}.`);
        return metadata[realName];
      },
    });
  }
}

function lowerFirst(key: string): string {
  return key.charAt(0).toLowerCase() + key.slice(1);
}

function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [lowerFirst(key), camelCaseKeys(entry)]),
  );
}
