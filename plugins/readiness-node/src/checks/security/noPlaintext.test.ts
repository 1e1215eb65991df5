import {
  configMap,
  container,
  deployment,
  factsFrom,
  NS,
  serviceContext,
  withKindError,
} from '../../testing/builders';
import { noPlaintext } from './noPlaintext';

const DB_PASSWORD = 'Pr0d-Db-Pa55w0rd';
const PEM =
  '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oLQm2A+9tkLCoAoGCCqGSM49\n-----END EC PRIVATE KEY-----';

const doris = (env: any[] = [], volumes: any[] = [], envFrom: any[] = []) =>
  deployment('doris', {
    containers: [container('doris', { env, envFrom })],
    podSpec: { volumes },
  });

describe('SEC-NO-PLAINTEXT', () => {
  it('passes when neither the ConfigMaps nor the env hold anything secret-like', () => {
    const out = noPlaintext(
      serviceContext([
        doris([{ name: 'LOG_LEVEL', value: 'info' }]),
        configMap('doris', { LOG_LEVEL: 'info' }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      `nothing secret-like in 1 ConfigMap(s) (${NS}/doris) and the env of 1 container(s)`,
    ]);
  });

  it('warns on credential-named keys with harmless values', () => {
    const out = noPlaintext(
      serviceContext([
        doris([
          { name: 'DB_PASSWORD_FILE_PATH', value: '/vault/secrets/db' },
          { name: 'API_TOKEN', value: '${API_TOKEN}' },
        ]),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toEqual([
      `Deployment ${NS}/doris container doris env API_TOKEN: credential-name-harmless`,
    ]);
  });

  it('fails on a credential literal in a ConfigMap the pods read, reporting the key and never the value', () => {
    const cm = configMap(
      'doris-settings',
      { DB_PASSWORD, LOG_LEVEL: 'info' },
      { id: null },
    );
    const unrelated = configMap(
      'other-app',
      { PASSWORD: 'x1y2z3w4' },
      { id: null },
    );
    const out = noPlaintext(
      serviceContext([
        doris([], [], [{ configMapRef: { name: 'doris-settings' } }]),
        cm,
        unrelated,
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `ConfigMap ${NS}/doris-settings key DB_PASSWORD: credential-name-literal`,
    ]);
    expect(JSON.stringify(out)).not.toContain(DB_PASSWORD);
  });

  it('fails on a PEM private key in a mounted ConfigMap and on env literals', () => {
    const cm = configMap(
      'doris-tls-files',
      { 'server.key': PEM },
      { id: null },
    );
    const out = noPlaintext(
      serviceContext([
        doris(
          [{ name: 'DB_PASSWORD', value: DB_PASSWORD }],
          [{ name: 'tls', configMap: { name: 'doris-tls-files' } }],
        ),
        cm,
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `ConfigMap ${NS}/doris-tls-files key server.key: pem-private-key`,
      `Deployment ${NS}/doris container doris env DB_PASSWORD: credential-name-literal`,
    ]);
    const text = JSON.stringify(out);
    expect(text).not.toContain(DB_PASSWORD);
    expect(text).not.toContain(
      'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oLQm2A',
    );
  });

  it('reads ConfigMaps referenced by a single env key and reports credentials passed as arguments', () => {
    const cm = configMap(
      'shared',
      { SENTRY_DSN: 'https://abc:def@sentry.io/1' },
      { id: null },
    );
    const dep = doris([
      {
        name: 'SENTRY_DSN',
        valueFrom: { configMapKeyRef: { name: 'shared', key: 'SENTRY_DSN' } },
      },
    ]);
    dep.spec.template.spec.containers[0].args = ['--db-password', DB_PASSWORD];
    const out = noPlaintext(serviceContext([dep, cm]));
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual([
      `ConfigMap ${NS}/shared key SENTRY_DSN: url-with-password`,
      `Deployment ${NS}/doris container doris args[1]: credential-name-literal`,
    ]);
  });

  it('is unknown when ConfigMaps cannot be listed', () => {
    const facts = withKindError(
      factsFrom([doris(), configMap('doris', {})]),
      'configmaps',
    );
    expect(noPlaintext(serviceContext(facts))).toMatchObject({
      status: 'unknown',
      error: { source: 'kubernetes' },
    });
  });

  it('is n/a when the service has neither a workload nor a ConfigMap', () => {
    const out = noPlaintext(serviceContext([]));
    expect(out.status).toBe('n/a');
    expect(out.evidence[1]).toBe('and no ConfigMap selected: nothing to scan');
  });
});
