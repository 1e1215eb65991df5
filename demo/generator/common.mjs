import { at } from './lib.mjs';

export const DP = 'data-platform';
export const PART_OF = '254carbon-data-platform';

/** Labels every object of a catalog service carries; the kubernetes-id label maps it to its entity. */
export const appLabels = (svc, component) => ({
  'app.kubernetes.io/name': svc,
  'app.kubernetes.io/instance': svc,
  ...(component ? { 'app.kubernetes.io/component': component } : {}),
  'app.kubernetes.io/part-of': PART_OF,
  'backstage.io/kubernetes-id': svc,
});
export const objLabels = (svc, component, version) => ({
  ...appLabels(svc, component),
  'app.kubernetes.io/managed-by': 'Helm',
  ...(version ? { 'app.kubernetes.io/version': version } : {}),
});
export const selectorOf = (svc, component) => ({
  'app.kubernetes.io/name': svc,
  'app.kubernetes.io/instance': svc,
  ...(component ? { 'app.kubernetes.io/component': component } : {}),
});

export const probe = (how, t = {}) => ({
  ...(how.path
    ? {
        httpGet: {
          path: how.path,
          port: how.port,
          scheme: how.scheme ?? 'HTTP',
        },
      }
    : how.command
    ? { exec: { command: how.command } }
    : { tcpSocket: { port: how.port } }),
  ...(t.initialDelaySeconds
    ? { initialDelaySeconds: t.initialDelaySeconds }
    : {}),
  timeoutSeconds: t.timeoutSeconds ?? 1,
  periodSeconds: t.periodSeconds ?? 10,
  successThreshold: 1,
  failureThreshold: t.failureThreshold ?? 3,
});

/** resources: r = requests, l = limits; keys cpu, memory, eph (ephemeral-storage). */
export const resources = (r = {}, l = {}) => {
  const conv = x => ({
    ...(x.cpu ? { cpu: x.cpu } : {}),
    ...(x.eph ? { 'ephemeral-storage': x.eph } : {}),
    ...(x.memory ? { memory: x.memory } : {}),
  });
  const out = {};
  if (Object.keys(l).length) out.limits = conv(l);
  if (Object.keys(r).length) out.requests = conv(r);
  return out;
};

/** Everything a service needs for the report's "HTTPS on all domains": Certificate dates. */
export function certDates(notAfter) {
  const day = 86400;
  return {
    notAfter,
    notBefore: at(notAfter, -90 * day),
    renewalTime: at(notAfter, -30 * day),
  };
}
