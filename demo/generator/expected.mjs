// The expected results of the demo, derived by hand from checks.md (reasons in demo/README.md).
// Writes demo/expected-results.json (for the integration test) and prints the README's tables.
// Usage (repo root): node demo/generator/expected.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SVCS = [
  'datahub',
  'dolphinscheduler',
  'doris',
  'lakefs',
  'minio',
  'portal',
  'superset',
  'trino',
  'vault',
];
const CHECKS = {
  'INF-WORKLOAD': ['infrastructure', 'P1', 3],
  'INF-POD-ERRORS': ['infrastructure', 'P1', 3],
  'INF-IMAGES': ['infrastructure', 'P1', 2],
  'INF-RESOURCES': ['infrastructure', 'P1', 1],
  'INF-PROBES': ['infrastructure', 'P1', 2],
  'HA-REPLICAS': ['infrastructure', 'P3', 2],
  'HA-SPREAD': ['infrastructure', 'P3', 1],
  'HA-PDB': ['infrastructure', 'P3', 1],
  'SEC-CERT-READY': ['security', 'P2', 3],
  'SEC-CERT-EXPIRY': ['security', 'P2', 3],
  'SEC-CERT-ISSUER': ['security', 'P2', 2],
  'SEC-TLS-LIVE': ['security', 'P2', 2],
  'SEC-VAULT-ROLE': ['security', 'P2', 3],
  'SEC-VAULT-POLICY': ['security', 'P2', 2],
  'SEC-SECRETS-IN-VAULT': ['security', 'P2', 3],
  'SEC-NO-PLAINTEXT': ['security', 'P2', 3],
  'SEC-NETPOL-DEFAULT-DENY': ['security', 'P2', 3],
  'SEC-NETPOL-SERVICE': ['security', 'P2', 2],
  'SEC-SERVICE-ACCOUNT': ['security', 'P2', 2],
  'SEC-RBAC': ['security', 'P2', 3],
  'SEC-POD-SECURITY': ['security', 'P2', 2],
  'OPS-METRICS': ['operations', 'P4', 2],
  'OPS-ALERTS': ['operations', 'P4', 1],
  'OPS-SLO-AVAILABILITY': ['operations', 'P4', 2],
  'OPS-SLO-LATENCY': ['operations', 'P4', 1],
  'DR-BACKUP-SCHEDULE': ['operations', 'P5', 2],
  'DR-BACKUP-FRESH': ['operations', 'P5', 2],
  'DR-RESTORE-DRILL': ['operations', 'P5', 1],
};
// Row per check: one entry per service in SVCS order. Syntax: status[?][!exempt|^blocked], note ids in notes map.
const T = {
  'INF-WORKLOAD': [
    'warn? 1',
    'warn? 1',
    'pass',
    'pass',
    'pass',
    'pass',
    'warn? 1',
    'pass',
    'pass',
  ],
  'INF-POD-ERRORS': [
    'pass 2',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'warn 3',
    'pass',
    'pass',
  ],
  'INF-IMAGES': [
    'warn',
    'warn',
    'warn',
    'fail 4',
    'pass',
    'pass',
    'warn',
    'warn',
    'warn',
  ],
  'INF-RESOURCES': [
    'fail',
    'pass',
    'pass',
    'fail',
    'pass',
    'pass',
    'pass',
    'pass 5',
    'pass',
  ],
  'INF-PROBES': [
    'pass 6',
    'pass',
    'warn',
    'fail',
    'pass',
    'pass',
    'pass 6',
    'pass 6',
    'pass',
  ],
  'HA-REPLICAS': [
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
  ],
  'HA-SPREAD': [
    'fail 7',
    'fail 7',
    'fail 7',
    'fail 7',
    'fail 7',
    'fail 7',
    'fail 7',
    'fail 7',
    'fail 7',
  ],
  'HA-PDB': [
    'n/a? 8',
    'n/a? 8',
    'n/a? 8',
    'n/a? 8',
    'n/a? 8',
    'n/a? 8',
    'n/a? 8',
    'fail',
    'n/a? 8',
  ],
  'SEC-CERT-READY': [
    'pass',
    'pass',
    'warn 9',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
  ],
  'SEC-CERT-EXPIRY': [
    'pass',
    'pass',
    'fail 9',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
  ],
  'SEC-CERT-ISSUER': [
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
    'pass',
  ],
  'SEC-TLS-LIVE': [
    'n/a 10',
    'n/a 10',
    'n/a 10',
    'n/a 10',
    'n/a 10',
    'n/a 10',
    'n/a 10',
    'n/a 10',
    'n/a 10',
  ],
  'SEC-VAULT-ROLE': [
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail 11',
    'fail',
    'fail',
    'fail! 12',
  ],
  'SEC-VAULT-POLICY': [
    'fail? 13',
    'fail? 13',
    'fail? 13',
    'fail? 13',
    'fail? 13',
    'pass 11',
    'fail? 13',
    'fail? 13',
    'fail? 13',
  ],
  'SEC-SECRETS-IN-VAULT': [
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'warn 14',
    'fail',
    'fail',
    'fail',
  ],
  'SEC-NO-PLAINTEXT': [
    'fail',
    'fail',
    'pass',
    'fail',
    'fail',
    'pass',
    'fail',
    'fail? 15',
    'pass',
  ],
  'SEC-NETPOL-DEFAULT-DENY': [
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
  ],
  'SEC-NETPOL-SERVICE': [
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
  ],
  'SEC-SERVICE-ACCOUNT': [
    'fail',
    'pass? 16',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'pass? 16',
    'fail',
  ],
  'SEC-RBAC': [
    'pass? 17',
    'fail',
    'pass? 17',
    'pass? 17',
    'pass? 17',
    'pass? 17',
    'pass? 17',
    'warn',
    'pass? 17',
  ],
  'SEC-POD-SECURITY': [
    'fail 18',
    'fail 18',
    'fail',
    'fail 18',
    'warn',
    'pass',
    'fail',
    'warn',
    'warn',
  ],
  'OPS-METRICS': [
    'fail? 19',
    'fail? 19',
    'fail? 19',
    'fail? 19',
    'fail? 19',
    'fail? 19',
    'fail? 19',
    'fail? 19',
    'fail? 19',
  ],
  'OPS-ALERTS': [
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
    'fail',
  ],
  'OPS-SLO-AVAILABILITY': [
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
  ],
  'OPS-SLO-LATENCY': [
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
    'n/a 20',
  ],
  'DR-BACKUP-SCHEDULE': Array(9).fill('^ 21'),
  'DR-BACKUP-FRESH': Array(9).fill('^ 21'),
  'DR-RESTORE-DRILL': Array(9).fill('^ 21'),
};
const PLATFORM = {
  'PLAT-NODES': [
    'warn',
    'infrastructure',
    'P1',
    3,
    'one Node (k8s-prod-01), Ready: single point of failure',
  ],
  'PLAT-PODS': [
    'pass',
    'infrastructure',
    'P1',
    3,
    '51/51 pods Running and Ready (100%); no CrashLoopBackOff/ImagePullBackOff',
  ],
  'PLAT-VAULT': [
    'pass',
    'security',
    'P1',
    3,
    'sys/health 200: initialized, unsealed, active (demo/vault-snapshot.json)',
  ],
  'PLAT-ISSUER': [
    'pass',
    'security',
    'P2',
    3,
    'ClusterIssuer letsencrypt-prod Ready on acme-v02 (production); letsencrypt-staging also Ready',
  ],
  'PLAT-INGRESS': [
    'pass',
    'infrastructure',
    'P1',
    3,
    'Deployment ingress-nginx/ingress-nginx-controller 1/1 available',
  ],
  'PLAT-REGISTRY': [
    'pass',
    'infrastructure',
    'P1',
    2,
    '8 Harbor workloads (app=harbor): core, jobservice, portal, registry, exporter, database, redis, trivy, all available',
  ],
  'PLAT-MONITORING': [
    'pass',
    'operations',
    'P4',
    2,
    'prometheus, alertmanager, grafana and loki (StatefulSet + gateway + canary) all available; /-/ready not configured',
  ],
  'PLAT-BACKUP': [
    'fail',
    'operations',
    'P5',
    2,
    'no velero namespace, workload or velero.io CRDs: not installed',
  ],
};
const parse = cell => {
  const m = /^(\S+?)(\?)?(!)?(?:\s+(\d+))?$/.exec(cell);
  const raw = m[1];
  if (raw === '^')
    return {
      status: 'fail',
      blockedBy: 'PLAT-BACKUP',
      sure: true,
      note: Number(m[4]),
    };
  return {
    status: raw,
    sure: !m[2],
    exempt: Boolean(m[3]),
    note: m[4] ? Number(m[4]) : undefined,
  };
};
const services = {};
for (const s of SVCS) services[s] = {};
for (const [id, row] of Object.entries(T))
  row.forEach((cell, i) => {
    services[SVCS[i]][id] = parse(cell);
  });

const VAL = { pass: 1, warn: 0.5, fail: 0 };
const score = results => {
  let w = 0,
    t = 0;
  for (const [id, r] of results) {
    if (r.exempt || r.blockedBy || VAL[r.status] === undefined) continue;
    const weight = CHECKS[id]?.[2] ?? PLATFORM[id][3];
    w += weight * VAL[r.status];
    t += weight;
  }
  return t ? Math.round((w / t) * 1000) / 10 : null;
};
const summary = {};
for (const s of SVCS) {
  const entries = Object.entries(services[s]);
  summary[s] = {
    overall: score(entries),
    infrastructure: score(
      entries.filter(([id]) => CHECKS[id][0] === 'infrastructure'),
    ),
    security: score(entries.filter(([id]) => CHECKS[id][0] === 'security')),
    operations: score(entries.filter(([id]) => CHECKS[id][0] === 'operations')),
    ...Object.fromEntries(
      ['P1', 'P2', 'P3', 'P4', 'P5'].map(p => [
        p,
        score(entries.filter(([id]) => CHECKS[id][1] === p)),
      ]),
    ),
  };
}
const mean = k => {
  const v = SVCS.map(s => summary[s][k]).filter(x => x !== null);
  return v.length
    ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10
    : null;
};
const means = Object.fromEntries(
  [
    'overall',
    'infrastructure',
    'security',
    'operations',
    'P1',
    'P2',
    'P3',
    'P4',
    'P5',
  ].map(k => [k, mean(k)]),
);
const platScore = score(
  Object.entries(PLATFORM).map(([id, [status]]) => [id, { status }]),
);

const out = {
  $comment:
    'Expected readiness of the demo (demo/platform + demo/vault-snapshot.json + examples/254carbon), derived by hand from checks.md. sure=false marks an interpretation the engine may settle differently (see demo/README.md, note ids). blockedBy = the platform check that blocks it (excluded from scores); exempt = an active exemption (excluded from scores).',
  now: '2026-11-26T12:00:00Z',
  config: {
    tls: 'disabled',
    prometheus: 'not configured',
    vault: 'demo/vault-snapshot.json',
    allowedRegistries: ['harbor.254carbon.com'],
    productionIssuers: ['letsencrypt-prod'],
  },
  platform: Object.fromEntries(
    Object.entries(PLATFORM).map(([id, [status, , , , evidence]]) => [
      id,
      { status, evidence },
    ]),
  ),
  services: Object.fromEntries(
    SVCS.map(s => [
      `component:default/${s}`,
      Object.fromEntries(
        Object.entries(services[s]).map(([id, r]) => [
          id,
          {
            status: r.status,
            ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}),
            ...(r.exempt ? { exempt: true } : {}),
            sure: r.sure,
            ...(r.note ? { note: r.note } : {}),
          },
        ]),
      ),
    ]),
  ),
  expectedScores: {
    services: summary,
    meanOverServices: means,
    platformChecks: platScore,
  },
};
const jsonFile = path.join(DEMO, 'expected-results.json');
// Formatted as prettier would (the repo runs `prettier --check .`).
const prettier = createRequire(import.meta.url)('prettier');
fs.writeFileSync(
  jsonFile,
  prettier.format(JSON.stringify(out), {
    ...prettier.resolveConfig.sync(jsonFile),
    filepath: jsonFile,
  }),
);

// Markdown
const cellMd = r =>
  r.blockedBy
    ? `${r.status}, blocked¹`
    : `${r.status}${r.exempt ? ' (exempt)' : ''}${r.sure ? '' : '?'}${
        r.note ? ` [${r.note}]` : ''
      }`;
let md = `| check | ${SVCS.join(' | ')} |\n|---|${SVCS.map(() => '---').join(
  '|',
)}|\n`;
for (const id of Object.keys(T))
  md += `| ${id} | ${SVCS.map(s => cellMd(services[s][id])).join(' | ')} |\n`;
md += `\n| score (expected) | ${SVCS.join(' | ')} | mean |\n|---|${SVCS.map(
  () => '---',
).join('|')}|---|\n`;
for (const k of [
  'overall',
  'infrastructure',
  'security',
  'operations',
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
])
  md += `| ${k} | ${SVCS.map(s => summary[s][k] ?? '–').join(' | ')} | ${
    means[k] ?? '–'
  } |\n`;
md += `\n| platform check | expected | evidence |\n|---|---|---|\n`;
for (const [id, [status, , , , ev]] of Object.entries(PLATFORM))
  md += `| ${id} | ${status} | ${ev} |\n`;
md += `\nPlatform checks score: ${platScore}%\n`;
console.log(md);
