export * from './constants';
export { devIssuerUrls, devIssuerTrust } from './devIssuerUrls';
export type { DevIssuerUrls } from './devIssuerUrls';
export { startDevIssuer } from './devIssuerServer';
export type { DevIssuerOptions, RunningDevIssuer } from './devIssuerServer';
export { signDevToken, devTokenClaims } from './signDevToken';
export type { DevTokenOptions } from './signDevToken';
export { loadOrCreateDevSigningKey, DEV_SIGNING_KEY_FILE } from './devSigningKey';
export { runTokenCli } from './tokenCli';
