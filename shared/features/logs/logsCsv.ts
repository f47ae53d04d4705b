import type { LogsResult } from './logs.api';

/** RFC 4180: a header line of column names, CRLF line ends, fields quoted when they hold `"`, `,`, CR or LF. */
export function logsAsCsv(result: Pick<LogsResult, 'columns' | 'rows'>): string {
  const names = result.columns.map((column) => column.name);
  const lines = [names.map(csvField), ...result.rows.map((row) => names.map((name) => csvField(cellText(row[name]))))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
