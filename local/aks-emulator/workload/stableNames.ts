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

/** A version-4-shaped UUID made of four 32-bit hashes of the inputs. */
export function stableUuid(...parts: (string | number)[]): string {
  const text = parts.join('|');
  const hex = [0, 1, 2, 3].map((salt) => hashString(`${text}#${salt}`).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A number in [0, 1) fixed by its inputs. */
export function stableFraction(...parts: (string | number)[]): number {
  return new SeededRandom(hashString(parts.join('|'))).next();
}
