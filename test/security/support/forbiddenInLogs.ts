/** The words a log search (security-reliability.md §5.8 L2) must never find. */
export const FORBIDDEN_IN_LOGS = ['eyJ', 'Bearer ', 'whsec_', 'sig=', 'code=', 'AccountKey=', 'SharedAccessSignature', 'x-ms-client-principal'];
