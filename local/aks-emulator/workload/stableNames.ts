import { SeededRandom } from '../random';

/**
 * Names and ids derived from a seed and what they name, so the same cluster and seed always produce the same pod
 * names, UIDs and log lines, independent of the order in which anything is evaluated.
 */

/** 32-bit FNV-1a of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function randomFor(seed: number, ...parts: (string | number)[]): SeededRandom {
  return new SeededRandom(hashString(`${seed}|${parts.join('|')}`));
}

/** Kubernetes' alphabet for generated name suffixes (no vowels, no confusable characters). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function nameSuffix(length: number, ...parts: (string | number)[]): string {
  const random = new SeededRandom(hashString(parts.join('|')));
  let out = '';
  for (let i = 0; i < length; i += 1) out += SUFFIX_ALPHABET[Math.floor(random.next() * SUFFIX_ALPHABET.length)];
  return out;
}

export function stableUuid(...parts: (string | number)[]): string {
  return new SeededRandom(hashString(parts.join('|'))).uuid();
}

/** A number in [0, 1) fixed by its inputs. */
export function stableFraction(...parts: (string | number)[]): number {
  return new SeededRandom(hashString(parts.join('|'))).next();
}
