import type { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  CheckResult,
  ChecksResponse,
  EntityHistoryResponse,
  PlatformResponse,
  ScoreSummary,
  ServiceReadiness,
  ServiceSummaryRow,
  SummaryQuery,
  SummaryResponse,
} from '@254carbon/plugin-readiness-common';
import { CHECKS } from '@254carbon/plugin-readiness-common';
import type { ReadinessApi } from '../api';

export const annotatedEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'doris',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'doris' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/data-platform',
    lifecycle: 'production',
  },
};

export const bareEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-batch', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/data-platform',
    lifecycle: 'production',
  },
};

function score(
  percent: number | null,
  counts: Partial<ScoreSummary['counts']> = {},
): ScoreSummary {
  return {
    percent,
    counts: { pass: 0, warn: 0, fail: 0, 'n/a': 0, unknown: 0, ...counts },
    scored: 1,
    excluded: 0,
  };
}

export const dorisChecks: CheckResult[] = [
  {
    checkId: 'INF-WORKLOAD',
    status: 'pass',
    evidence: ['Deployment doris-fe 2/2 ready, Available=True'],
  },
  {
    checkId: 'INF-POD-ERRORS',
    status: 'fail',
    evidence: [
      'Pod doris-be-0 container be waiting: CrashLoopBackOff (14 restarts)',
    ],
    remediation:
      'Read the logs of doris-be-0 (kubectl logs --previous) and fix the crash.',
  },
  {
    checkId: 'INF-IMAGES',
    status: 'warn',
    evidence: [
      'doris-fe uses docker.io/apache/doris:2.1.0 (not the private registry)',
    ],
  },
  {
    checkId: 'HA-REPLICAS',
    status: 'fail',
    evidence: ['StatefulSet doris-be has 1 replica (minimum 2)'],
    remediation: 'Run at least 2 replicas.',
  },
  {
    checkId: 'SEC-CERT-EXPIRY',
    status: 'pass',
    evidence: ['Certificate doris-tls notAfter 2027-02-01, 67 days left'],
  },
  {
    checkId: 'SEC-VAULT-ROLE',
    status: 'unknown',
    evidence: [],
    error: { source: 'vault', message: 'connect ECONNREFUSED 10.0.0.5:8200' },
  },
  {
    checkId: 'SEC-SECRETS-IN-VAULT',
    status: 'fail',
    evidence: ['Vault is sealed; KV metadata could not be listed'],
    blockedBy: 'PLAT-VAULT',
  },
  {
    checkId: 'SEC-RBAC',
    status: 'fail',
    evidence: ['ServiceAccount doris bound to ClusterRole view (cluster-wide)'],
    exemption: {
      checkId: 'SEC-RBAC',
      reason: 'Legacy operator needs cluster read until the Q1 migration',
      expires: '2027-01-31',
      origin: 'annotation',
    },
  },
  {
    checkId: 'SEC-NETPOL-DEFAULT-DENY',
    status: 'fail',
    evidence: ['Namespace doris has no NetworkPolicy'],
    remediation:
      'Apply a default-deny NetworkPolicy (podSelector: {}) for Ingress and Egress.',
  },
  {
    checkId: 'OPS-METRICS',
    status: 'pass',
    evidence: ['ServiceMonitor doris, 3/3 targets up'],
  },
  {
    checkId: 'DR-BACKUP-SCHEDULE',
    status: 'n/a',
    evidence: ['No Velero installed'],
  },
];

export function dorisReadiness(
  overrides: Partial<ServiceReadiness> = {},
): ServiceReadiness {
  return { ...base(), ...overrides };
}

function base(): ServiceReadiness {
  return {
    entityRef: 'component:default/doris',
    measuredAt: new Date(Date.now() - 4 * 60 * 1000).toISOString(),
    stale: false,
    overall: score(41.2, { pass: 3, warn: 1, fail: 5, unknown: 1, 'n/a': 1 }),
    layers: {
      infrastructure: score(55),
      security: score(23.1),
      operations: score(100),
    },
    phases: {
      P1: { ...score(50), complete: false },
      P2: { ...score(20), complete: false },
      P3: { ...score(0), complete: false },
      P4: { ...score(100), complete: true },
      P5: { ...score(null), complete: true },
    },
    checks: dorisChecks,
    entityErrors: [],
  };
}

export const dorisHistory: EntityHistoryResponse = {
  entityRef: 'component:default/doris',
  points: [
    {
      measuredAt: '2026-11-20T10:00:00.000Z',
      overall: 30,
      layers: { infrastructure: 40, security: 10, operations: 90 },
      counts: { pass: 2, warn: 1, fail: 6, unknown: 1, 'n/a': 1 },
    },
    {
      measuredAt: '2026-11-26T10:00:00.000Z',
      overall: 41.2,
      layers: { infrastructure: 55, security: 23.1, operations: 100 },
      counts: { pass: 3, warn: 1, fail: 5, unknown: 1, 'n/a': 1 },
    },
  ],
};

export const platform: PlatformResponse = {
  measuredAt: new Date(Date.now() - 2 * 60 * 1000).toISOString(),
  stale: false,
  checks: [
    {
      checkId: 'PLAT-NODES',
      status: 'warn',
      evidence: ['1 of 1 nodes Ready: single point of failure'],
    },
    {
      checkId: 'PLAT-VAULT',
      status: 'fail',
      evidence: ['sys/health answered 503: sealed'],
    },
    {
      checkId: 'PLAT-REGISTRY',
      status: 'pass',
      evidence: ['harbor: 8/8 components available'],
    },
    {
      checkId: 'PLAT-MONITORING',
      status: 'unknown',
      evidence: [],
      error: {
        source: 'prometheus',
        message: 'GET /-/ready timed out after 5000 ms',
      },
    },
  ],
  overall: score(37.5),
  platformScore: score(37.5),
};

export const checksResponse: ChecksResponse = { checks: [...CHECKS] };

export function summaryRow(
  name: string,
  extra: Partial<ServiceSummaryRow> = {},
): ServiceSummaryRow {
  return {
    entityRef: `component:default/${name}`,
    owner: 'group:default/data-platform',
    system: 'system:default/lakehouse',
    lifecycle: 'production',
    namespace: 'data-platform',
    measuredAt: new Date(Date.now() - 60 * 1000).toISOString(),
    stale: false,
    overall: 41.2,
    layers: { infrastructure: 55, security: 23.1, operations: 100 },
    phasesComplete: ['P4'],
    counts: { pass: 3, warn: 1, fail: 5, unknown: 1, 'n/a': 1 },
    problems: [
      { checkId: 'INF-POD-ERRORS', status: 'fail' },
      { checkId: 'SEC-NETPOL-DEFAULT-DENY', status: 'fail' },
    ],
    entityErrors: [],
    ...extra,
  };
}

export function summaryResponse(
  items: ServiceSummaryRow[],
  extra: Partial<SummaryResponse> = {},
): SummaryResponse {
  return {
    items,
    totalCount: items.length,
    offset: 0,
    limit: 20,
    aggregate: {
      overall: 58.4,
      layers: { infrastructure: 90.5, security: 31.7, operations: 52 },
      phases: { P1: 90, P2: 25, P3: 0, P4: 0, P5: 0 },
      byCheck: {
        'SEC-RBAC': { pass: 1, warn: 0, fail: 3, unknown: 0, 'n/a': 0 },
        'INF-POD-ERRORS': { pass: 2, warn: 1, fail: 1, unknown: 2, 'n/a': 0 },
      },
      byOwner: [
        { owner: 'group:default/data-platform', services: 3, overall: 41.2 },
        { owner: 'group:default/analytics', services: 1, overall: 92 },
      ],
    },
    facets: {
      owners: ['group:default/analytics', 'group:default/data-platform'],
      systems: ['system:default/lakehouse'],
      namespaces: ['data-platform'],
      lifecycles: ['production', 'experimental'],
    },
    lastSweep: {
      startedAt: new Date(Date.now() - 6 * 60 * 1000).toISOString(),
      finishedAt: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
      status: 'succeeded',
      services: 4,
      sourceErrors: [],
    },
    ...extra,
  };
}

/** A ReadinessApi whose every method is a jest mock; tests set only what they use. */
export function mockReadinessApi(): jest.Mocked<ReadinessApi> {
  return {
    getEntityReadiness: jest.fn(async (_entity: CompoundEntityRef) =>
      dorisReadiness(),
    ),
    getEntityHistory: jest.fn(
      async (_entity: CompoundEntityRef, _options?: { since?: Date }) =>
        dorisHistory,
    ),
    refreshEntity: jest.fn(async (_entity: CompoundEntityRef) =>
      dorisReadiness(),
    ),
    getSummary: jest.fn(async (_query?: SummaryQuery) =>
      summaryResponse([summaryRow('doris')]),
    ),
    getPlatform: jest.fn(async () => platform),
    getChecks: jest.fn(async () => checksResponse),
  };
}

/** The error the client throws for a backend error status, built the way the client builds it. */
export async function responseError(
  status: number,
  name: string,
  message: string,
) {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode: status },
  });
  const headers = new Map([['content-type', 'application/json']]);
  return ResponseError.fromResponse({
    status,
    statusText:
      { 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[
        status
      ] ?? '',
    ok: false,
    url: 'http://localhost:7007/api/readiness',
    type: 'basic',
    redirected: false,
    headers: {
      get: (key: string) => headers.get(key.toLowerCase()) ?? null,
      has: (key: string) => headers.has(key.toLowerCase()),
    },
    text: async () => body,
  } as any);
}
