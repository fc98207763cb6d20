import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/** The files of a lab's `ssl/` folder (workshop 9), generated at setup and never committed. */
export interface LabCertificates {
  /** The lab's certificate authority, which clients trust (the workbook's ca-cert.pem). */
  caFile: string;
  /** The brokers' key and certificate chain, a PEM keystore (`ssl.keystore.type=PEM`). */
  keystoreFile: string;
}

/** The names a broker's certificate is valid for: loopback for the local backend, the containers' names for docker. */
const SERVER_NAMES = ['localhost', 'kafka-0', 'kafka-1', 'kafka-2'];
const SERVER_IPS = ['127.0.0.1'];

export function labCertificates(sslDir: string): LabCertificates {
  return { caFile: path.join(sslDir, 'ca-cert.pem'), keystoreFile: path.join(sslDir, 'kafka-keystore.pem') };
}

/**
 * Creates a CA and a certificate it signs for the brokers, once per folder: what `keytool`/`openssl` would make,
 * in JavaScript so it works on every laptop. The CA's private key is not kept: nothing else is ever signed.
 */
export function ensureCertificates(sslDir: string): LabCertificates {
  const files = labCertificates(sslDir);
  if (fs.existsSync(files.caFile) && fs.existsSync(files.keystoreFile)) return files;
  const ca = forge.pki.rsa.generateKeyPair(2048);
  const caCert = certificate(ca.publicKey, '01', [{ name: 'commonName', value: 'kafka-labs CA' }], [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  caCert.setIssuer(caCert.subject.attributes);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const server = forge.pki.rsa.generateKeyPair(2048);
  const serverCert = certificate(server.publicKey, '02', [{ name: 'commonName', value: 'localhost' }], [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: [...SERVER_NAMES.map((value) => ({ type: 2, value })), ...SERVER_IPS.map((ip) => ({ type: 7, ip }))] },
  ]);
  serverCert.setIssuer(caCert.subject.attributes);
  serverCert.sign(ca.privateKey, forge.md.sha256.create());

  fs.mkdirSync(sslDir, { recursive: true });
  // Kafka's PEM keystore: the private key in PKCS#8, then the chain from the broker's certificate to the CA.
  const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(server.privateKey));
  const keystore = [forge.pki.privateKeyInfoToPem(pkcs8), forge.pki.certificateToPem(serverCert), forge.pki.certificateToPem(caCert)].join('');
  fs.writeFileSync(files.keystoreFile, keystore, { mode: 0o644 });
  fs.writeFileSync(files.caFile, forge.pki.certificateToPem(caCert));
  return files;
}

function certificate(publicKey: forge.pki.PublicKey, serial: string, subject: forge.pki.CertificateField[], extensions: object[]): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600_000);
  cert.setSubject(subject);
  cert.setExtensions(extensions);
  return cert;
}
