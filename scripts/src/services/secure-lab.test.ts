import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secureFingerprint, secureLabFiles } from './secure-lab.js';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function labFolder(brokerProperties: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-lab-'));
  folders.push(dir);
  fs.mkdirSync(path.join(dir, 'config'));
  fs.mkdirSync(path.join(dir, 'ssl'));
  fs.writeFileSync(path.join(dir, 'config', 'broker.properties'), brokerProperties);
  fs.writeFileSync(path.join(dir, 'config', 'kafka_server_jaas.conf'), 'KafkaServer { };\n');
  fs.writeFileSync(path.join(dir, 'ssl', 'kafka-keystore.pem'), 'key\n');
  return dir;
}

describe('the secured cluster\'s fingerprint', () => {
  it('is the same for the same files in another folder (a copy of the solution needs no restart)', () => {
    expect(secureFingerprint(secureLabFiles(labFolder('a=1\n')))).toBe(secureFingerprint(secureLabFiles(labFolder('a=1\n'))));
  });

  it('changes with the files\' contents and with what the backend gives', () => {
    const files = secureLabFiles(labFolder('a=1\n'));
    expect(secureFingerprint(files)).not.toBe(secureFingerprint(secureLabFiles(labFolder('a=2\n'))));
    expect(secureFingerprint(files, 'x')).not.toBe(secureFingerprint(files, 'y'));
  });
});
