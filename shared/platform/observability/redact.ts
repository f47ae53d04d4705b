const SECRET_KEY = /token|secret|password|passwd|authorization|cookie|kubeconfig|credential|apikey|api_key|connectionstring|sig$/i;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi;
const ACCOUNT_KEY = /(AccountKey|SharedAccessSignature|sig)=[^;&\s]+/gi;

/** Removes secrets from anything about to be logged: by key name, and by the shape of tokens and keys. */
export function redact<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactString(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[truncated]' as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redact(item, depth + 1)) as T;
  if (value instanceof Error) return redactString(value.message) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null ? '[redacted]' : redact(item, depth + 1);
  }
  return out as T;
}

function redactString(text: string): string {
  return text.replace(JWT, '[redacted-jwt]').replace(BEARER, 'Bearer [redacted]').replace(ACCOUNT_KEY, '$1=[redacted]');
}
