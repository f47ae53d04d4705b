import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface EmulatorCertificate {
  certPath: string;
  keyPath: string;
}

const CERT_FILE = 'ca-cert.pem';
const KEY_FILE = 'ca-key.pem';
const VALIDITY_DAYS = 825;

/**
 * Ensures a self-signed certificate (CA:true, SAN 127.0.0.1 and localhost) exists in `dir`.
 * The same file is both the CA that clients trust (NODE_EXTRA_CA_CERTS) and the server certificate.
 * An existing, still-valid certificate is reused so that already-started clients keep trusting it.
 */
export async function ensureEmulatorCertificate(dir: string): Promise<EmulatorCertificate> {
  const certPath = path.resolve(dir, CERT_FILE);
  const keyPath = path.resolve(dir, KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath) && (await isReusable(certPath))) {
    return { certPath, keyPath };
  }
  await mkdir(path.dirname(certPath), { recursive: true });
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'Fleetplane AKS emulator local CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  // Write to temporary files and rename (atomic), key first: the cert's presence marks a complete pair, and a
  // concurrent starter never reads a half-written file.
  const temp = `.${process.pid}.${Date.now()}.tmp`;
  await writeFile(keyPath + temp, pems.private, { mode: 0o600 });
  await writeFile(certPath + temp, pems.cert);
  await rename(keyPath + temp, keyPath);
  await rename(certPath + temp, certPath);
  return { certPath, keyPath };
}

async function isReusable(certPath: string): Promise<boolean> {
  try {
    const cert = new X509Certificate(await readFile(certPath));
    const validTo = Date.parse(cert.validTo);
    return validTo - Date.now() > 7 * 86_400_000 && cert.checkIP('127.0.0.1') !== undefined;
  } catch {
    return false;
  }
}
