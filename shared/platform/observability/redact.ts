/** Keys whose values are secrets whatever they look like. */
const SECRET_KEY =
  /token|secret|password|passwd|authorization|cookie|kubeconfig|credential|apikey|api_key|connectionstring|accountkey|sharedaccess|client-?principal|assertion|sig$/i;

/** Characters that may carry a secret's value in a query string, a connection string, a header or prose. */
const VALUE = String.raw`[^\s&;,"'<>]+`;
/** Not preceded by a name character, so `code=` matches `?code=` but not `errorcode=`. */
const START = String.raw`(?<![A-Za-z0-9_-])`;

/**
 * Secret shapes, found anywhere in text. Every replacement drops the name too (`sig=…` → `[redacted-sas]`),
 * so that a log search for `sig=`, `code=`, `AccountKey=`, `Bearer `… finds nothing at all. Each pattern is a
 * run of character classes after a literal, so redaction stays linear in the text.
 */
const SECRET_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  // App Service Authentication's header names and values (base64 JSON of the caller's claims).
  [new RegExp(String.raw`x-ms-client-principal[A-Za-z-]*(?:"?\s*[:=]\s*"?${VALUE})?`, 'gi'), '[redacted-client-principal]'],
  // JWTs: access, ID and client-assertion tokens.
  [/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // Any other base64 of a JSON object (`{"` encodes as `eyJ`): client principals, encoded claims.
  [/eyJ[A-Za-z0-9+/_-]{8,}={0,2}/g, '[redacted-base64-json]'],
  [new RegExp(String.raw`Bearer\s+${VALUE}`, 'gi'), '[redacted-bearer]'],
  // SAS tokens of Service Bus / Event Hubs / connection strings: everything after the word is the token.
  [new RegExp(String.raw`SharedAccessSignature\s*[=\s]\s*${VALUE}(?:&${VALUE})*`, 'gi'), '[redacted-sas]'],
  [new RegExp(`${START}(?:AccountKey|SharedAccessKey)=${VALUE}`, 'gi'), '[redacted-account-key]'],
  // SAS signatures (`sig=`) and function keys or OAuth authorization codes (`code=`) in URLs.
  [new RegExp(`${START}sig=${VALUE}`, 'gi'), '[redacted-sas]'],
  [new RegExp(`${START}code=${VALUE}`, 'gi'), '[redacted-code]'],
  // OAuth parameters in form bodies (`client_secret=…`) and in JSON text (`"client_secret":"…"`).
  [
    new RegExp(
      String.raw`${START}"?(?:client_secret|client_assertion|refresh_token|access_token|id_token|password)"?\s*[=:]\s*(?:"[^"]*"|${VALUE})`,
      'gi',
    ),
    '[redacted-oauth-secret]',
  ],
  [/whsec_[A-Za-z0-9+/=_-]+/g, '[redacted-webhook-secret]'],
  // A bare storage account key (64 bytes in base64), e.g. Azurite's well-known development key.
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/g, '[redacted-account-key]'],
];

/** Removes secrets from anything about to be logged: by key name, and by the shape of tokens and keys. */
export function redact<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactString(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[truncated]' as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redact(item, depth + 1)) as T;
  if (value instanceof Error) return redactString(value.message) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[redactString(key)] = SECRET_KEY.test(key) && item !== undefined && item !== null ? '[redacted]' : redact(item, depth + 1);
  }
  return out as T;
}

function redactString(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_SHAPES) out = out.replace(pattern, replacement);
  return out;
}
