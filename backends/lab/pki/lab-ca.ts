// A local CA issuing per-workload certificates with SPIFFE identities, as istiod does. ECDSA
// P-256, in memory only: nothing is written to disk, so nothing is left behind.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3600 * 1000;

export interface Identity {
  spiffe: string;
  certPem: string;
  keyPem: string;
  caPem: string;
}

export interface LabCa {
  caPem: string;
  issue(spiffe: string): Promise<Identity>;
}

let serial = 1;
const nextSerial = () => (serial++).toString(16).padStart(2, '0');

export async function createLabCa(): Promise<LabCa> {
  const caKeys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: 'O=meshstage, CN=meshstage lab root CA',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + DAY_MS),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const caPem = ca.toString('pem');

  return {
    caPem,
    async issue(spiffe: string): Promise<Identity> {
      const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: nextSerial(),
        subject: 'O=cluster.local',
        issuer: ca.subject,
        notBefore: new Date(now - 60_000),
        notAfter: new Date(now + DAY_MS),
        signingKey: caKeys.privateKey,
        publicKey: keys.publicKey,
        signingAlgorithm: ALG,
        extensions: [
          // Istio's workload certificates carry only the SPIFFE URI SAN, marked critical.
          new x509.SubjectAlternativeNameExtension([{ type: 'url', value: spiffe }], true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
      return { spiffe, certPem: cert.toString('pem'), keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), caPem };
    },
  };
}
