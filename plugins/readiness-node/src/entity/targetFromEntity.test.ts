import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_THRESHOLDS } from '../engine/settings';
import { targetFromEntity } from './targetFromEntity';
import {
  mergeThresholds,
  thresholdOverridesSchema,
  thresholdsSchema,
} from './thresholds';

function entity(
  annotations: Record<string, string>,
  spec: Record<string, unknown> = { lifecycle: 'production' },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'doris', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'data-team', ...spec },
  };
}
const NOW = new Date('2026-11-26T12:00:00Z');
const options = { thresholds: DEFAULT_THRESHOLDS, now: NOW };

describe('targetFromEntity', () => {
  it('reads the Kubernetes, Vault and readiness annotations', () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/kubernetes-id': 'doris',
        'backstage.io/kubernetes-namespace': 'data-platform',
        'vault.io/secrets-path': '/data-platform/doris/',
        'readiness.254carbon.io/cluster': 'prod',
        'readiness.254carbon.io/public-hosts':
          'doris.254carbon.com, doris-fe.254carbon.com',
        'readiness.254carbon.io/thresholds': '{minReplicas: 3, rpoHours: 4}',
        'readiness.254carbon.io/exemptions':
          '- {check: HA-SPREAD, reason: "single node lab", expires: 2027-01-31}',
      }),
      options,
    );
    expect(target).toEqual({
      entityRef: 'component:default/doris',
      kubernetesId: 'doris',
      labelSelector: undefined,
      namespace: 'data-platform',
      cluster: 'prod',
      vaultSecretsPath: 'data-platform/doris',
      vaultRole: 'doris',
      publicHosts: ['doris.254carbon.com', 'doris-fe.254carbon.com'],
      lifecycle: 'production',
      thresholds: { ...DEFAULT_THRESHOLDS, minReplicas: 3, rpoHours: 4 },
      thresholdOverrides: [
        {
          key: 'minReplicas',
          value: 3,
          base: 2,
          loosened: false,
          origin: 'annotation',
        },
        {
          key: 'rpoHours',
          value: 4,
          base: 1,
          loosened: true,
          origin: 'annotation',
        },
      ],
      exemptions: [
        {
          checkId: 'HA-SPREAD',
          reason: 'single node lab',
          expires: '2027-01-31',
          origin: 'annotation',
        },
      ],
      errors: [],
    });
  });

  describe('visible loosening', () => {
    it('keeps allowedRegistries and productionIssuers from being loosened by an annotation by default', () => {
      const target = targetFromEntity(
        entity({
          'readiness.254carbon.io/thresholds':
            '{allowedRegistries: [harbor.254carbon.com, docker.io], productionIssuers: [letsencrypt-staging], minReplicas: 1}',
        }),
        options,
      );
      expect(target.thresholds.allowedRegistries).toEqual(
        DEFAULT_THRESHOLDS.allowedRegistries,
      );
      expect(target.thresholds.productionIssuers).toEqual(
        DEFAULT_THRESHOLDS.productionIssuers,
      );
      expect(target.thresholds.minReplicas).toBe(1);
      expect(target.errors).toEqual([
        'annotation readiness.254carbon.io/thresholds: "allowedRegistries" may not be loosened by an annotation (readiness.annotationMayLoosen does not list it); the config value is kept',
        'annotation readiness.254carbon.io/thresholds: "productionIssuers" may not be loosened by an annotation (readiness.annotationMayLoosen does not list it); the config value is kept',
      ]);
      expect(target.thresholdOverrides).toEqual([
        {
          key: 'minReplicas',
          value: 1,
          base: 2,
          loosened: true,
          origin: 'annotation',
        },
      ]);
    });

    it('lets config decide which thresholds an annotation may loosen; tightening is always allowed', () => {
      const target = targetFromEntity(
        entity({
          'readiness.254carbon.io/thresholds':
            '{allowedRegistries: [harbor.254carbon.com, docker.io], minReplicas: 1, rpoHours: 0.5}',
        }),
        { ...options, annotationMayLoosen: ['allowedRegistries'] },
      );
      expect(target.thresholds.allowedRegistries).toEqual([
        'harbor.254carbon.com',
        'docker.io',
      ]);
      expect(target.thresholds.minReplicas).toBe(2);
      expect(target.thresholds.rpoHours).toBe(0.5);
      expect(target.errors).toHaveLength(1);
    });

    it('refuses an exemption longer than the maximum (default 90 days), naming it', () => {
      const target = targetFromEntity(
        entity({
          'readiness.254carbon.io/exemptions':
            '- {check: HA-SPREAD, reason: "single node lab", expires: 2099-12-31}',
        }),
        options,
      );
      expect(target.exemptions).toEqual([]);
      expect(target.errors[0]).toMatch(
        /^annotation readiness.254carbon.io\/exemptions: the exemption of HA-SPREAD expires 2099-12-31, \d+ days ahead: longer than the 90-day maximum \(readiness.exemptionMaxDays\); it is ignored$/,
      );
      const allowed = targetFromEntity(
        entity({
          'readiness.254carbon.io/exemptions':
            '- {check: HA-SPREAD, reason: "single node lab", expires: 2099-12-31}',
        }),
        { ...options, maxExemptionDays: 365 * 100 },
      );
      expect(allowed.exemptions).toHaveLength(1);
    });
  });

  it('reports an unknown threshold key and a wrong type, keeping the valid keys', () => {
    const target = targetFromEntity(
      entity({
        'readiness.254carbon.io/thresholds':
          'minReplicas: 3\nrpoHour: 4\ncertWarnDays: "soon"',
      }),
      options,
    );
    expect(target.thresholds.minReplicas).toBe(3);
    expect(target.thresholds.certWarnDays).toBe(
      DEFAULT_THRESHOLDS.certWarnDays,
    );
    expect(target.errors).toHaveLength(2);
    expect(target.errors[0]).toMatch(
      /^annotation readiness.254carbon.io\/thresholds: unknown key "rpoHour" ignored \(known keys: certWarnDays,/,
    );
    expect(target.errors[1]).toMatch(
      /^annotation readiness.254carbon.io\/thresholds: "certWarnDays" ignored: Expected number, received string \(got "soon"\)/,
    );
  });

  it('rejects overrides that invert a pass/warn pair', () => {
    const target = targetFromEntity(
      entity({
        'readiness.254carbon.io/thresholds': '{sloLatencyPassMs: 500}',
      }),
      options,
    );
    expect(target.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(target.errors[0]).toMatch(
      /sloLatencyWarnMs must be ≥ sloLatencyPassMs \(got 250 and 500\); the overrides are ignored/,
    );
  });

  it('reports YAML syntax errors and non-map thresholds without throwing', () => {
    expect(
      targetFromEntity(
        entity({ 'readiness.254carbon.io/thresholds': '{minReplicas: [' }),
        options,
      ).errors[0],
    ).toMatch(
      /^annotation readiness.254carbon.io\/thresholds: not valid YAML or JSON/,
    );
    expect(
      targetFromEntity(
        entity({ 'readiness.254carbon.io/thresholds': '- 3' }),
        options,
      ).errors[0],
    ).toMatch(/expected a map/);
  });

  it('skips invalid exemptions with a message naming the entry and field', () => {
    const target = targetFromEntity(
      entity({
        'readiness.254carbon.io/exemptions': JSON.stringify([
          {
            check: 'SEC-RBAC',
            reason: 'legacy operator',
            expires: '2027-02-01',
          },
          { check: 'NOPE', reason: 'x', expires: '2027-01-01' },
          { check: 'HA-PDB', reason: '', expires: 'someday' },
        ]),
      }),
      options,
    );
    expect(target.exemptions.map(e => e.checkId)).toEqual(['SEC-RBAC']);
    expect(target.errors).toEqual([
      'annotation readiness.254carbon.io/exemptions: entry 2 ignored: check: unknown check "NOPE"',
      'annotation readiness.254carbon.io/exemptions: entry 3 ignored: reason: reason must say why the check does not apply; expires: expires must be a date such as 2027-01-31',
    ]);
  });

  it.each([
    ['app in (doris'],
    ['app=doris,tier >= backend'],
    ['app=doris,tier exists'],
    ['app In (doris)'],
  ])(
    'reports an unknown operator or bad requirement (%s) as an entity error naming the annotation, and measures nothing rather than a wider match',
    selector => {
      const target = targetFromEntity(
        entity({
          'backstage.io/kubernetes-id': 'doris',
          'backstage.io/kubernetes-label-selector': selector,
        }),
        options,
      );
      expect(target.labelSelector).toBeUndefined();
      // The id would select every object labelled doris: wider than the selector meant.
      expect(target.kubernetesId).toBeUndefined();
      expect(target.vaultRole).toBe('doris');
      expect(target.errors[0]).toMatch(
        /^annotation backstage.io\/kubernetes-label-selector: invalid label selector requirement ".*" \(expected key=value, key!=value, key in \(a,b\), key notin \(a\), key or !key\); no Kubernetes object is measured until it is fixed \(backstage.io\/kubernetes-id=doris is not used instead: it may select more\)$/,
      );
    },
  );

  it('keeps a valid label selector and adds config exemptions for this entity only', () => {
    const target = targetFromEntity(
      entity({
        'backstage.io/kubernetes-label-selector': 'app=doris,tier in (fe,be)',
      }),
      {
        thresholds: DEFAULT_THRESHOLDS,
        configExemptions: [
          {
            entityRef: 'Component:default/Doris',
            check: 'OPS-ALERTS',
            reason: 'alerts in Grafana',
            expires: '2027-01-01',
          },
          {
            entityRef: 'component:default/trino',
            check: 'OPS-ALERTS',
            reason: 'x',
            expires: '2027-01-01',
          },
        ],
      },
    );
    expect(target.labelSelector).toBe('app=doris,tier in (fe,be)');
    expect(target.exemptions).toEqual([
      {
        checkId: 'OPS-ALERTS',
        reason: 'alerts in Grafana',
        expires: '2027-01-01',
        origin: 'config',
      },
    ]);
    expect(target.errors).toEqual([]);
  });
});

describe('threshold schemas', () => {
  it('validates a full Thresholds object and partial overrides', () => {
    expect(thresholdsSchema.safeParse(DEFAULT_THRESHOLDS).success).toBe(true);
    expect(
      thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, minReplicas: 0 })
        .success,
    ).toBe(false);
    expect(thresholdOverridesSchema.safeParse({ rpoHours: 4 }).success).toBe(
      true,
    );
    expect(thresholdOverridesSchema.safeParse({ rpoHourz: 4 }).success).toBe(
      false,
    );
  });

  it('merges later overrides over earlier ones without erasing with undefined', () => {
    expect(
      mergeThresholds(
        DEFAULT_THRESHOLDS,
        { rpoHours: 4 },
        { rpoHours: undefined, minReplicas: 3 },
      ),
    ).toEqual({
      ...DEFAULT_THRESHOLDS,
      rpoHours: 4,
      minReplicas: 3,
    });
  });
});
