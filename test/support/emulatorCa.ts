import path from 'node:path';
import { ensureEmulatorCertificate } from '../../local/aks-emulator/tls';

/** Fixed, git-ignored directory shared by the global setup and every forked test worker. */
export const EMULATOR_CERT_DIR = path.resolve(__dirname, '..', '..', '.local', 'aks-emulator');

/**
 * Makes the AKS emulator's self-signed CA trusted by every test worker: it ensures the certificate exists and sets
 * NODE_EXTRA_CA_CERTS before the workers fork (Node reads that variable only at process start).
 */
export async function setupEmulatorCa(): Promise<string> {
  const { certPath } = await ensureEmulatorCertificate(EMULATOR_CERT_DIR);
  process.env['NODE_EXTRA_CA_CERTS'] = certPath;
  return certPath;
}
