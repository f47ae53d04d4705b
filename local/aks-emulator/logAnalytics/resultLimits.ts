import type { WireCell } from './wireTable';

/** Result-set limits of the query API: 500,000 records and 64,000,000 bytes, beyond which results are cut. */
export interface ResultLimits {
  readonly maxRecords: number;
  readonly maxBytes: number;
}

export const SERVICE_RESULT_LIMITS: ResultLimits = { maxRecords: 500_000, maxBytes: 64_000_000 };

export interface LimitedRows {
  readonly rows: WireCell[][];
  /** The engine's message when the rows were cut. */
  readonly truncation?: string;
}

/**
 * Cuts a result at the record limit, then at the data-size limit (measured as the rows' JSON bytes, an
 * approximation of the engine's own accounting), with the engine's E_QUERY_RESULT_SET_TOO_LARGE message.
 */
export function applyResultLimits(rows: WireCell[][], limits: ResultLimits): LimitedRows {
  if (rows.length > limits.maxRecords) {
    return {
      rows: rows.slice(0, limits.maxRecords),
      truncation: tooLarge(`record count limit ${limits.maxRecords}`),
    };
  }
  let bytes = 0;
  for (let index = 0; index < rows.length; index += 1) {
    bytes += Buffer.byteLength(JSON.stringify(rows[index])) + 1;
    if (bytes > limits.maxBytes)
      return { rows: rows.slice(0, index), truncation: tooLarge(`data size limit ${limits.maxBytes}`) };
  }
  return { rows };
}

const tooLarge = (limit: string): string =>
  `Query result set has exceeded the internal ${limit} (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)`;
