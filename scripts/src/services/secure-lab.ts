import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { labCertificates, type LabCertificates } from './certificates.js';

/** Where workshop 9's files are in a lab folder: what the secured cluster starts from, in every backend. */
export interface SecureLabFiles {
  configDir: string;
  /** How each listener is secured, the authorizer and its super users: appended to every node's properties. */
  brokerProperties: string;
  /** The brokers' JAAS file (`-Djava.security.auth.login.config`): the users and the brokers' own identity. */
  jaas: string;
  /** Generated at setup, never committed. */
  sslDir: string;
  certificates: LabCertificates;
}

export function secureLabFiles(labDir: string): SecureLabFiles {
  const configDir = path.join(labDir, 'config');
  const sslDir = path.join(labDir, 'ssl');
  return {
    configDir,
    brokerProperties: path.join(configDir, 'broker.properties'),
    jaas: path.join(configDir, 'kafka_server_jaas.conf'),
    sslDir,
    certificates: labCertificates(sslDir),
  };
}

/**
 * What the secured cluster was started with: a change in these files' contents, or in what the backend gives it
 * (`given`), means a restart. Another folder with the same files (a copy of the solution) needs none.
 */
export function secureFingerprint(files: SecureLabFiles, given = ''): string {
  const hash = createHash('sha256').update(given);
  for (const file of [files.brokerProperties, files.jaas, files.certificates.keystoreFile]) hash.update(path.basename(file)).update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  return hash.digest('hex');
}
