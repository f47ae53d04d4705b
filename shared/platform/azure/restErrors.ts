/** The HTTP status of an Azure SDK RestError (or anything shaped like one), without relying on instanceof across package copies. */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A `Retry-After` value (delay in seconds, or an HTTP date) as whole seconds from now, at least 1; undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - nowMs) / 1000));
}

/** The `Retry-After` of a failed Azure SDK request, in seconds. */
export function retryAfterOf(error: unknown): number | undefined {
  const response = (error as { response?: { headers?: { get(name: string): string | undefined } } } | null)?.response;
  return parseRetryAfter(response?.headers?.get('retry-after'));
}

/** @azure/identity failed to get Fleetplane's own token (CredentialUnavailableError, or its AuthenticationError): not the caller's fault. */
export function isOwnCredentialFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'CredentialUnavailableError' || (error.name === 'AuthenticationError' && !('reason' in error));
}
