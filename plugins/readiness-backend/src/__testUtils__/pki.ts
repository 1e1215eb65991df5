import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface IssuedCert {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

export interface TestPki {
  dir: string;
  caFile: string;
  caPem: string;
  /** Issues a server certificate for the given DNS names / IPs, optionally with fixed dates. */
  issue(
    name: string,
    options: { dns?: string[]; ips?: string[]; notBefore?: string; notAfter?: string },
  ): IssuedCert;
  cleanup(): void;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** A throwaway CA made with the machine's openssl, to serve real TLS in tests. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-pki-'));
  mkdirSync(join(dir, 'newcerts'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${join(dir, 'index.txt')}`,
      `new_certs_dir = ${join(dir, 'newcerts')}`,
      `serial = ${join(dir, 'serial')}`,
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = copy',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=Readiness Test CA'],
    dir,
  );
  const caFile = join(dir, 'ca.crt');

  return {
    dir,
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    issue(name, options) {
      const san = [
        ...(options.dns ?? []).map(d => `DNS:${d}`),
        ...(options.ips ?? []).map(i => `IP:${i}`),
      ].join(',');
      const subject = `/CN=${options.dns?.[0] ?? name}`;
      openssl(
        ['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject, '-addext', `subjectAltName=${san}`],
        dir,
      );
      const dates = options.notBefore
        ? ['-startdate', options.notBefore, '-enddate', options.notAfter!]
        : ['-days', '90'];
      openssl(
        ['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.crt`, ...dates],
        dir,
      );
      const certFile = join(dir, `${name}.crt`);
      const keyFile = join(dir, `${name}.key`);
      return {
        cert: readFileSync(certFile, 'utf8'),
        key: readFileSync(keyFile, 'utf8'),
        certFile,
        keyFile,
      };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
