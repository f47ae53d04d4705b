/**
 * Why a query was refused, in the terms of the Log Analytics error envelope (`BadArgumentError` with an inner
 * `SyntaxError` or `SemanticError`). The wire layer renders them; the engine never answers a query it cannot
 * evaluate faithfully.
 */
export abstract class KqlError extends Error {}

/** The query does not parse. Rendered as the service's SYN0002 "Query could not be parsed at 'x' on line [l,p]". */
export class KqlSyntaxError extends KqlError {
  constructor(
    readonly token: string,
    readonly line: number,
    readonly pos: number,
  ) {
    super(`Query could not be parsed at '${token}' on line [${line},${pos}]`);
    this.name = 'KqlSyntaxError';
  }
}

/** The query parses but cannot be evaluated: `code` is the innermost error code of the envelope. */
export class KqlSemanticError extends KqlError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KqlSemanticError';
  }
}

/** Code of refusals for valid KQL that this emulator does not evaluate (an operator, function or option). */
export const UNSUPPORTED_CODE = 'EmulatorUnsupported';

/** Valid KQL outside the emulator's subset: refused by name rather than answered wrongly. */
export function unsupported(what: string): KqlSemanticError {
  return new KqlSemanticError(UNSUPPORTED_CODE, `${what} is not supported by the Log Analytics emulator`);
}

/** Code of type errors the official analyser lets through but the service rejects (e.g. comparing real to string). */
export const TYPE_CHECK_CODE = 'EmulatorTypeCheck';

export function typeMismatch(message: string): KqlSemanticError {
  return new KqlSemanticError(TYPE_CHECK_CODE, message);
}
