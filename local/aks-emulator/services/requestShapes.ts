import { ArmError } from '../errors';
import type { JsonObject } from '../model';

/** Helpers that read loosely-typed ARM request bodies without trusting them. */

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const asObject = (value: unknown): JsonObject => (isObject(value) ? value : {});

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export const asBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

export function asStringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

export const clone = <T>(value: T): T => structuredClone(value);

export function requireBodyObject(body: unknown): JsonObject {
  if (!isObject(body)) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body must be a JSON object.');
  }
  return body;
}

/** Removes keys (case-insensitively) from a shallow copy. */
export function without(source: JsonObject, keys: readonly string[]): JsonObject {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return Object.fromEntries(Object.entries(source).filter(([k]) => !drop.has(k.toLowerCase())));
}

/** Case-insensitive lookup of an enum-like string ("system" → "System"). */
export function normaliseEnum<T extends string>(value: unknown, allowed: readonly T[], fallback: T, parameter: string): T {
  if (value === undefined || value === null || value === '') return fallback;
  const match = allowed.find((a) => typeof value === 'string' && a.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    throw new ArmError(400, 'InvalidParameter', `The value of parameter ${parameter} is invalid. Allowed values are ${allowed.join(', ')}.`, parameter);
  }
  return match;
}
