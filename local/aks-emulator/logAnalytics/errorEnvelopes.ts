import type { KqlSemanticError, KqlSyntaxError } from './kql/kqlErrors';

/**
 * The Log Analytics query API's error bodies. Full failures are `{"error":{message, code, correlationId,
 * innererror}}` with nested inner errors; partial failures keep the tables and add an `error` with `details`.
 * Wordings of the outer levels are the service's (seen in its responses); emulator-only inner codes say so.
 */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly correlationId?: string;
  readonly innererror?: Record<string, unknown>;
  readonly details?: readonly Record<string, unknown>[];
}

export interface ErrorBody {
  readonly error: ErrorInfo;
}

const INVALID_PROPERTIES = 'The request had some invalid properties';

export function syntaxErrorBody(error: KqlSyntaxError, correlationId: string): ErrorBody {
  return badArgument(correlationId, {
    code: 'SyntaxError',
    message: 'A recognition error occurred in the query.',
    innererror: {
      code: 'SYN0002',
      message: error.message,
      line: error.line,
      pos: error.pos,
      token: error.token,
    },
  });
}

export function semanticErrorBody(error: KqlSemanticError, correlationId: string): ErrorBody {
  return badArgument(correlationId, {
    code: 'SemanticError',
    message: 'A semantic error occurred.',
    innererror: { code: error.code, message: error.message },
  });
}

/** A malformed request (no query, an unreadable timespan, a body that is not JSON). */
export function invalidRequestBody(
  innerCode: string,
  innerMessage: string,
  correlationId: string,
): ErrorBody {
  return badArgument(correlationId, { code: innerCode, message: innerMessage });
}

function badArgument(correlationId: string, innererror: Record<string, unknown>): ErrorBody {
  return { error: { message: INVALID_PROPERTIES, code: 'BadArgumentError', correlationId, innererror } };
}

export function workspaceNotFoundBody(workspaceId: string, correlationId: string): ErrorBody {
  return {
    error: {
      message: 'The workspace could not be found',
      code: 'WorkspaceNotFoundError',
      correlationId,
      innererror: {
        code: 'WorkspaceNotFound',
        message: `Workspace '${workspaceId}' does not exist or cannot be accessed`,
      },
    },
  };
}

export function pathNotFoundBody(path: string, correlationId: string): ErrorBody {
  return {
    error: {
      message: 'The requested path does not exist',
      code: 'PathNotFoundError',
      correlationId,
      innererror: { code: 'PathNotFound', message: `No Log Analytics query API at '${path}'` },
    },
  };
}

/** 504: the query ran longer than `Prefer: wait` allowed (3 minutes by default). */
export function gatewayTimeoutBody(waitSeconds: number, correlationId: string): ErrorBody {
  return {
    error: {
      message: 'Gateway timeout',
      code: 'GatewayTimeout',
      correlationId,
      innererror: {
        code: 'GatewayTimeout',
        message: `The query did not complete within the server timeout of ${waitSeconds} seconds (Prefer: wait)`,
      },
    },
  };
}

/** Engine error code of E_QUERY_RESULT_SET_TOO_LARGE (0x80DA0003). */
export const RESULT_SET_TOO_LARGE = '-2133196797';

export interface EngineError {
  readonly code: string;
  readonly message: string;
}

/** The `error` of a 200 response whose tables are incomplete; the SDK reports it as PartialFailure. */
export function partialError(engineErrors: readonly EngineError[]): ErrorInfo {
  return {
    code: 'PartialError',
    message: 'There were some errors when processing your query.',
    details: engineErrors.map(({ code, message }) => ({
      code: 'EngineError',
      message: 'Something went wrong processing your query on the server.',
      innererror: { code, message, severity: 2, severityName: 'Error' },
    })),
  };
}
