import { ValidationError } from '../../domain/errors';

/** Far deeper than any API body (a cluster spec nests four levels). */
export const MAX_JSON_DEPTH = 32;
/** Far more than any API list or map holds (100 node pools, 50 tags); bounds the work of schema checks. */
export const MAX_JSON_MEMBERS = 1_000;

/** Keys that would reach an object's prototype if some code copied them with plain assignment. */
const PROTOTYPE_KEY = '__proto__';

function refuse(code: string, message: string): never {
  throw new ValidationError(`The request body is not acceptable JSON: ${message}`, [{ path: '', code, message }]);
}

interface OpenObject {
  keys: Set<string>;
  /** The key this object is the value of (for `constructor.prototype`). */
  parentKey: string | undefined;
}

/**
 * JSON.parse, then one linear pass over the same text that refuses what JSON.parse lets through silently:
 * duplicate keys (the last one would win unseen), `__proto__` and `constructor.prototype` keys, numbers
 * outside the double range (1e400 would become Infinity), nesting deeper than MAX_JSON_DEPTH and arrays or
 * objects with more than MAX_JSON_MEMBERS members.
 */
export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse('invalid_json', (error as Error).message);
  }
  checkJsonText(text);
  return value;
}

/** Assumes `text` is valid JSON (JSON.parse accepted it): only strings, brackets, commas and numbers matter. */
function checkJsonText(text: string): void {
  /** The open containers, innermost last: an object's keys so far, or null for an array. */
  const containers: (OpenObject | null)[] = [];
  const memberCounts: number[] = [];
  let expectingKey = false;
  let lastKey: string | undefined;
  for (let at = 0; at < text.length; ) {
    const char = text[at]!;
    if (char === '"') {
      const end = endOfString(text, at);
      const top = containers[containers.length - 1];
      if (expectingKey && top) {
        lastKey = checkKey(decodeKey(text.slice(at, end)), top);
        expectingKey = false;
      }
      at = end;
      continue;
    }
    if (char === '{' || char === '[') {
      if (containers.length >= MAX_JSON_DEPTH) refuse('too_deep', `nesting deeper than ${MAX_JSON_DEPTH} levels`);
      const parentKey = containers[containers.length - 1] ? lastKey : undefined;
      containers.push(char === '{' ? { keys: new Set(), parentKey } : null);
      memberCounts.push(text[nextNonSpace(text, at + 1)] === (char === '{' ? '}' : ']') ? 0 : 1);
      expectingKey = char === '{';
    } else if (char === '}' || char === ']') {
      containers.pop();
      memberCounts.pop();
      expectingKey = false;
    } else if (char === ',') {
      const count = (memberCounts[memberCounts.length - 1] ?? 0) + 1;
      if (count > MAX_JSON_MEMBERS) refuse('too_many_members', `more than ${MAX_JSON_MEMBERS} members in one array or object`);
      memberCounts[memberCounts.length - 1] = count;
      expectingKey = Boolean(containers[containers.length - 1]);
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      const end = endOfNumber(text, at);
      if (!Number.isFinite(Number(text.slice(at, end)))) refuse('number_out_of_range', `the number ${text.slice(at, Math.min(end, at + 32))} is out of range`);
      at = end;
      continue;
    }
    at += 1;
  }
}

function checkKey(key: string, object: OpenObject): string {
  if (key === PROTOTYPE_KEY || (key === 'prototype' && object.parentKey === 'constructor')) {
    refuse('forbidden_key', `the key "${key}" is not accepted`);
  }
  if (object.keys.has(key)) refuse('duplicate_key', `the key "${key.slice(0, 64)}" appears more than once in one object`);
  object.keys.add(key);
  return key;
}

/** Index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
  return at + 1;
}

function endOfNumber(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length && /[0-9eE+\-.]/.test(text[at]!)) at += 1;
  return at;
}

function nextNonSpace(text: string, start: number): number {
  let at = start;
  while (at < text.length && /\s/.test(text[at]!)) at += 1;
  return at;
}

/** Keys compare by their decoded text, so `"a"` and `"\u0061"` are the same key. */
function decodeKey(literal: string): string {
  return literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
}
