/** Values that each hold from a point in virtual time until the next one (a step function over time). */
export interface TimelineEntry<T> {
  fromMs: number;
  value: T;
  /** Unique per appended entry, so derived results can be cached per entry. */
  seq: number;
}

let nextSeq = 1;

export class Timeline<T> {
  private readonly entries: TimelineEntry<T>[] = [];

  /** Appends a value from `fromMs`; a time earlier than the last entry is clamped to it (history is never rewritten). */
  append(fromMs: number, value: T): TimelineEntry<T> {
    const last = this.entries.at(-1);
    const entry = { fromMs: last ? Math.max(fromMs, last.fromMs) : fromMs, value, seq: nextSeq++ };
    if (last && last.fromMs === entry.fromMs) this.entries[this.entries.length - 1] = entry;
    else this.entries.push(entry);
    return entry;
  }

  /** The entry in force at `atMs`, or undefined before the first one. */
  at(atMs: number): TimelineEntry<T> | undefined {
    let low = 0;
    let high = this.entries.length - 1;
    let found: TimelineEntry<T> | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = this.entries[mid]!;
      if (entry.fromMs <= atMs) {
        found = entry;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Every entry, oldest first. */
  all(): readonly TimelineEntry<T>[] {
    return this.entries;
  }

  first(): TimelineEntry<T> | undefined {
    return this.entries[0];
  }

  last(): TimelineEntry<T> | undefined {
    return this.entries.at(-1);
  }

  /** Drops entries wholly before `beforeMs`, keeping the one in force at that time. */
  prune(beforeMs: number): void {
    let drop = 0;
    while (drop + 1 < this.entries.length && this.entries[drop + 1]!.fromMs <= beforeMs) drop += 1;
    if (drop > 0) this.entries.splice(0, drop);
  }
}
