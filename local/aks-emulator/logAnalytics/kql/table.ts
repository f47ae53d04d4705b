/** The column types a result table can carry (the wire names of the Log Analytics API). */
export type KqlType =
  'string' | 'long' | 'int' | 'real' | 'datetime' | 'timespan' | 'bool' | 'dynamic' | 'guid';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * One cell. The column type says how to read it: `long`/`int`/`real` are numbers, `datetime` is milliseconds since
 * the Unix epoch, `timespan` is milliseconds, `bool` a boolean, `string`/`guid` strings (a string is never null
 * in KQL: empty instead), `dynamic` any JSON value. `null` is KQL's null of that type.
 */
export type KqlValue = JsonValue;

export type Row = KqlValue[];

export interface Column {
  readonly name: string;
  readonly type: KqlType;
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
}

export const isNumericType = (type: KqlType): boolean => type === 'long' || type === 'int' || type === 'real';

export const isIntegerType = (type: KqlType): boolean => type === 'long' || type === 'int';
