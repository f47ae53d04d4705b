/**
 * Fixed identities of the local dev issuer. They are not secrets and are only trusted in local mode.
 * The tenant GUID is made up ("f1ee7" ≈ fleet) and must never be added to a deployed tenant allowlist.
 */
export const DEV_TENANT_ID = 'f1ee7000-0000-4000-8000-000000000001';
/** Default audience (the API's client id in the v2 shape) when the app is configured with nothing else. */
export const DEV_API_CLIENT_ID = 'f1ee7000-0000-4000-8000-0000000000a1';
/** The `azp` of dev tokens: a pretend client application. */
export const DEV_CLIENT_APP_ID = 'f1ee7000-0000-4000-8000-0000000000c1';
/** Default `oid` of dev tokens (a pretend user). */
export const DEV_USER_OBJECT_ID = 'f1ee7000-0000-4000-8000-00000000d001';
export const DEV_ISSUER_DEFAULT_PORT = 7080;
export const DEV_ISSUER_DEFAULT_HOST = '127.0.0.1';
/** Relative to the repository root; `.local/` is git-ignored. */
export const DEV_ISSUER_DEFAULT_DIR = '.local/dev-issuer';
export const DEV_TOKEN_DEFAULT_LIFETIME_SECONDS = 60 * 60;
export const DEV_TOKEN_MAX_LIFETIME_SECONDS = 24 * 60 * 60;

/** The object id of the dev issuer's stand-in for Event Grid's and Azure Monitor's delivering identities. */
export const DEV_WEBHOOK_SENDER_OBJECT_ID = 'f1ee7000-0000-4000-8000-00000000e001';
