import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFAULT_CERT_DIR } from '../../local/aks-emulator';
import { ensureEmulatorCertificate } from '../../local/aks-emulator/tls';

/**
 * Runs a bench that talks to the AKS emulator over https: Node reads NODE_EXTRA_CA_CERTS only at start, so a process
 * started without the emulator's certificate starts itself again with it.
 */
export function trustEmulatorThenRun(main: () => Promise<void>): void {
  void (async () => {
    const { certPath } = await ensureEmulatorCertificate(DEFAULT_CERT_DIR);
    if (path.resolve(process.env.NODE_EXTRA_CA_CERTS ?? '') === certPath) return main();
    const rerun = spawnSync(process.execPath, process.argv.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
    });
    process.exitCode = rerun.status ?? 1;
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
