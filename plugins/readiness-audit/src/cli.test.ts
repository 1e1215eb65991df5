import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import {
  formatPercent,
  getCheck,
  LAYER_TITLES,
  LAYERS,
  PHASE_TITLES,
  PHASES,
  scoreResults,
} from '@254carbon/plugin-readiness-common';
import { CheckRegistry } from '@254carbon/plugin-readiness-node';
import { main } from './cli';

const ROOT = path.resolve(__dirname, '../../..');
const at = (p: string) => path.join(ROOT, p);
const expected = JSON.parse(fs.readFileSync(at('demo/expected-results.json'), 'utf8'));

/** The demo platform as the README's CI example audits it, at the demo's instant. */
const DEMO = [
  '--manifests', at('demo/platform'),
  '--catalog', at('examples/254carbon/components.yaml'),
  '--config', at('app-config.yaml'),
  '--vault', at('demo/vault-snapshot.json'),
  '--now', expected.now,
];

async function run(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t), isTTY: options.tty },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? {},
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

// Each run evaluates the whole demo (about a second on a loaded machine).
jest.setTimeout(60_000);

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-audit-'));

describe('readiness-audit on the demo platform', () => {
  let json: any;

  beforeAll(async () => {
    const { code, stdout, stderr } = await run([...DEMO, '--format', 'json']);
    if (code !== 1 || stderr) throw new Error(`the demo audit exited ${code}: ${stderr}`);
    json = JSON.parse(stdout);
  }, 60_000);

  it('measures every platform check as demo/expected-results.json says', () => {
    expect(Object.fromEntries(json.platform.checks.map((c: any) => [c.checkId, c.status]))).toEqual(
      Object.fromEntries(Object.entries<any>(expected.platform).map(([id, c]) => [id, c.status])),
    );
  });

  it('measures every check of every service as demo/expected-results.json says', () => {
    expect(json.services.map((s: any) => s.entityRef).sort()).toEqual(Object.keys(expected.services).sort());
    for (const service of json.services) {
      const got = Object.fromEntries(
        service.checks.map((c: any) => [c.checkId, { status: c.status, exempt: Boolean(c.exemption) }]),
      );
      const want = Object.fromEntries(
        Object.entries<any>(expected.services[service.entityRef]).map(([id, c]) => [
          id,
          { status: c.status, exempt: Boolean(c.exempt) },
        ]),
      );
      expect({ ref: service.entityRef, checks: got }).toEqual({ ref: service.entityRef, checks: want });
    }
  });

  it('points the expiring certificate of doris at its Certificate in the manifests', () => {
    const finding = json.findings.find(
      (f: any) => f.entityRef === 'component:default/doris' && f.checkId === 'SEC-CERT-EXPIRY',
    );
    expect(finding.location.object).toBe('Certificate data-platform/doris-tls');
    const lines = fs.readFileSync(at(finding.location.file), 'utf8').split('\n');
    const doc = lines.slice(finding.location.line - 1).join('\n').split(/^---$/m)[0];
    expect(doc).toMatch(/^kind: Certificate$/m);
    expect(doc).toMatch(/^ {2}name: doris-tls$/m);
  });

  it('points namespace-wide and workload findings at the object the evidence is about', () => {
    const locationOf = (ref: string, check: string) =>
      json.findings.find((f: any) => f.entityRef === ref && f.checkId === check).location;
    // "namespace data-platform: no default-deny NetworkPolicy" → the Namespace object.
    expect(locationOf('component:default/doris', 'SEC-NETPOL-DEFAULT-DENY')).toMatchObject({
      object: 'Namespace data-platform',
      file: 'demo/platform/254carbon-prod/01-cluster.yaml',
    });
    // "Deployment data-platform/portal runs as the default ServiceAccount" → the Deployment, named first.
    expect(locationOf('component:default/portal', 'SEC-SERVICE-ACCOUNT').object).toBe('Deployment data-platform/portal');
    // "Velero not installed" names no object of the service → the service's own workload.
    expect(locationOf('component:default/lakefs', 'DR-BACKUP-SCHEDULE').object).toBe('Deployment data-platform/lakefs');
  });

  it('exits 1 at every --fail-on level: the demo fails critical checks', async () => {
    for (const level of ['critical', 'high', 'any']) {
      expect((await run([...DEMO, '--format', 'json', '--fail-on', level])).code).toBe(1);
    }
  });

  it('honours --exemptions like readiness.exemptions: exempting every critical failure passes --fail-on critical only', async () => {
    const criticals = json.findings.filter((f: any) => f.status === 'fail' && f.severity === 'critical' && !f.exemption);
    expect(criticals.length).toBeGreaterThan(0);
    const dir = tmp();
    const file = path.join(dir, 'exemptions.yaml');
    fs.writeFileSync(
      file,
      JSON.stringify(
        criticals.map((f: any) => ({ entity: f.entityRef, check: f.checkId, reason: 'accepted in review', expires: '2027-01-31' })),
      ),
    );
    // Platform checks have no entity; keep only service findings and check the rest stays failing.
    const serviceOnly = criticals.every((f: any) => f.entityRef);
    const critical = await run([...DEMO, '--exemptions', file, '--format', 'json', '--fail-on', 'critical']);
    const high = await run([...DEMO, '--exemptions', file, '--format', 'json', '--fail-on', 'high']);
    expect(serviceOnly).toBe(true);
    expect(critical.code).toBe(0);
    expect(high.code).toBe(1);
    const exempted = JSON.parse(critical.stdout).findings.filter((f: any) => f.exemption?.origin === 'config');
    expect(exempted).toHaveLength(criticals.length);
  });

  it('ignores an exemption running past readiness.exemptionMaxDays and says so on stderr', async () => {
    const file = path.join(tmp(), 'exemptions.yaml');
    fs.writeFileSync(
      file,
      'exemptions:\n  - {entity: component:default/doris, check: SEC-CERT-EXPIRY, reason: later, expires: 2027-12-31}\n',
    );
    const { code, stdout, stderr } = await run([...DEMO, '--exemptions', file, '--format', 'json']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'readiness-audit: warning: component:default/doris: readiness.exemptions: the exemption of SEC-CERT-EXPIRY expires 2027-12-31',
    );
    const finding = JSON.parse(stdout).findings.find(
      (f: any) => f.entityRef === 'component:default/doris' && f.checkId === 'SEC-CERT-EXPIRY',
    );
    expect(finding.exemption).toBeUndefined();
  });

  it('refuses an exemptions entry naming an unknown check, naming the flag, file and entry', async () => {
    const file = path.join(tmp(), 'exemptions.yaml');
    fs.writeFileSync(file, '- {entity: component:default/doris, check: SEC-NOPE, reason: x, expires: 2027-01-31}\n');
    const { code, stderr } = await run([...DEMO, '--exemptions', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--exemptions ${file}[0]: check "SEC-NOPE" is not a check id`);
  });

  it('writes SARIF 2.1.0 that the official schema accepts, one rule per check', async () => {
    const { code, stdout } = await run([...DEMO, '--format', 'sarif']);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The formats (uri, uri-reference, date-time) are checked too, not ignored.
    // unicodeRegExp off: the published rtm.5 schema's `language` pattern has a stray `]` that
    // only non-unicode regular expressions accept (SARIF's own tools use non-unicode regexes).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(CheckRegistry.builtIn().all.map(c => c.id));
    const cert = rules.find((r: any) => r.id === 'SEC-CERT-EXPIRY');
    expect(cert.properties).toMatchObject({ layer: 'security', severity: 'critical' });
    expect(cert.help.text.length).toBeGreaterThan(0);

    const results = sarif.runs[0].results;
    expect(results.length).toBe(JSON.parse((await run([...DEMO, '--format', 'json'])).stdout).findings.length);
    for (const r of results) {
      const location = r.locations[0].physicalLocation;
      expect(fs.existsSync(at(location.artifactLocation.uri))).toBe(true);
      expect(location.region.startLine).toBeGreaterThan(0);
    }
    const exempt = results.find((r: any) => r.suppressions);
    expect(exempt.properties.entityRef).toBe('component:default/vault');
  });

  it('writes JUnit with one testcase per check and a failure per failing check', async () => {
    const { stdout } = await run([...DEMO, '--format', 'junit', '--fail-on', 'high']);
    const fromJson = JSON.parse((await run([...DEMO, '--format', 'json', '--fail-on', 'high'])).stdout);
    const checks = fromJson.platform.checks.length + fromJson.services.reduce((n: number, s: any) => n + s.checks.length, 0);
    expect(stdout.match(/<testcase /g)).toHaveLength(checks);
    expect(stdout.match(/<failure /g)).toHaveLength(fromJson.failing);
    expect(stdout).toMatch(new RegExp(`<testsuites name="readiness-audit" tests="${checks}" failures="${fromJson.failing}">`));
  });

  it('colours the table only on a terminal without NO_COLOR', async () => {
    const ESC = '\u001b[';
    expect((await run(DEMO, { tty: false })).stdout).not.toContain(ESC);
    expect((await run(DEMO, { tty: true })).stdout).toContain(ESC);
    expect((await run(DEMO, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(DEMO)).stdout).toMatch(/^STATUS +SEVERITY +CHECK +ENTITY +LOCATION +EVIDENCE$/m);
  });
});

describe('readiness-audit --format md: the platform status report from the offline evaluation', () => {
  let md: string;
  let json: any;
  let table: string;

  beforeAll(async () => {
    const [mdRun, jsonRun, tableRun] = await Promise.all(
      ['md', 'json', 'table'].map(format => run([...DEMO, '--format', format])),
    );
    // The same verdict as every other format: the demo fails critical checks.
    if (mdRun.code !== 1 || mdRun.stderr) throw new Error(`--format md exited ${mdRun.code}: ${mdRun.stderr}`);
    md = mdRun.stdout;
    json = JSON.parse(jsonRun.stdout);
    table = tableRun.stdout;
  }, 60_000);

  /** The Quick status table's rows, as label → cells. */
  const quickStatus = () => {
    const rows = new Map<string, string[]>();
    const section = md.split('## Quick status')[1].split('###')[0];
    for (const line of section.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| Measure'))) {
      const [label, ...cells] = line.slice(2, -2).split(' | ').map(c => c.trim());
      rows.set(label, cells);
    }
    return rows;
  };

  it('counts the services and measures them at --now, as the table and JSON do', () => {
    const services = Number(/^(\d+) services, (\d+) platform checks:/m.exec(table)![1]);
    expect(services).toBe(json.services.length);
    expect(md).toContain(`- Generated ${json.measuredAt} for the services of the catalog files audited: ${services} services.`);
    expect(md).toContain(`- Services measured at ${json.measuredAt}.`);
  });

  it("gives each phase the share of services completing it in the JSON's results", () => {
    const rows = quickStatus();
    for (const phase of PHASES) {
      const complete = json.services.filter((s: any) => s.phases[phase].complete).length;
      const of = json.services.length;
      expect(rows.get(`${phase}: ${PHASE_TITLES[phase]}`)).toEqual([
        formatPercent((complete / of) * 100),
        `${complete}/${of}`,
      ]);
    }
  });

  it("gives each layer and the overall the mean of the JSON's service and platform percentages", () => {
    const rows = quickStatus();
    const mean = (values: (number | null)[]) => {
      const scored = values.filter((v): v is number => v !== null);
      return scored.reduce((a, b) => a + b, 0) / scored.length;
    };
    const platformScores = scoreResults(json.platform.checks);
    for (const layer of LAYERS) {
      const values = [...json.services.map((s: any) => s.layers[layer].percent), platformScores.layers[layer].percent];
      expect(rows.get(`${LAYER_TITLES[layer]} layer`)?.[0]).toBe(formatPercent(mean(values)));
    }
    const overall = [...json.services.map((s: any) => s.overall.percent), json.platform.overall.percent];
    expect(rows.get('Overall (services and platform)')?.[0]).toBe(formatPercent(mean(overall)));
  });

  it("lists every platform component with the JSON's status, and each check's passing count", () => {
    for (const check of json.platform.checks) {
      expect(md).toContain(`| ${check.checkId} | ${getCheck(check.checkId)!.title} | ${check.status} |`);
    }
    // Passing counts a check that passes or is exempted (app-config.yaml exempts one), as the phase gate does.
    const passing = new Map<string, [number, number]>();
    for (const service of json.services) {
      for (const c of service.checks) {
        const [pass, applicable] = passing.get(c.checkId) ?? [0, 0];
        const done = c.status === 'pass' || Boolean(c.exemption);
        if (c.status !== 'n/a') passing.set(c.checkId, [pass + (done ? 1 : 0), applicable + 1]);
      }
    }
    expect([...passing.values()].some(([pass]) => pass > 0)).toBe(true);
    for (const [checkId, [pass, applicable]] of passing) {
      const row = md.split('\n').find(l => l.startsWith(`| ${checkId} `) && l.split(' | ').length === 4);
      expect({ checkId, row }).toEqual({ checkId, row: expect.stringContaining(` | ${pass}/${applicable} | `) });
    }
  });

  it("reproduces the demo's picture: single node, no backup, doris's certificate, plaintext secrets, no NetworkPolicies", () => {
    const risks = md.split('## Risks and mitigations')[1].split('\n## ')[0];
    const risk = (checkId: string) => risks.split('\n').find(l => l.startsWith(`| ${checkId} `)) ?? '';
    expect(risk('PLAT-NODES')).toMatch(/platform warn: 1\/1 nodes Ready \(k8s-prod-01\); a single Ready node is a single point of failure/);
    expect(risk('PLAT-BACKUP')).toMatch(/platform fail: Velero not installed/);
    expect(risk('SEC-CERT-EXPIRY')).toMatch(/fail on 1 service: component:default\/doris \|/);
    const failing = (checkId: string) =>
      json.services.filter((s: any) => s.checks.some((c: any) => c.checkId === checkId && c.status === 'fail')).length;
    expect(risk('SEC-NO-PLAINTEXT')).toContain(`fail on ${failing('SEC-NO-PLAINTEXT')} services:`);
    expect(risk('SEC-NETPOL-DEFAULT-DENY')).toContain(`fail on ${json.services.length} services:`);
    // Offline there is no history: no "what changed" section.
    expect(md).not.toContain('## What changed since');
  });
});

describe('readiness-audit input errors exit 2 naming the flag or file', () => {
  it('names a missing required flag', async () => {
    const { code, stderr } = await run(['--catalog', at('examples/254carbon/components.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain("required option '--manifests <dir>' not specified");
  });

  it('names a bad --fail-on value', async () => {
    const { code, stderr } = await run([...DEMO, '--fail-on', 'medium']);
    expect(code).toBe(2);
    expect(stderr).toContain("option '--fail-on <level>' argument 'medium' is invalid");
  });

  it('names an unreadable catalog file', async () => {
    const { code, stderr } = await run([...DEMO, '--catalog', '/nonexistent/catalog.yaml']);
    expect(code).toBe(2);
    expect(stderr).toContain('--catalog /nonexistent/catalog.yaml: cannot read the file (ENOENT)');
  });

  it('names the manifest file and line of a YAML error', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'prod'));
    fs.writeFileSync(path.join(dir, 'prod', 'broken.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: [x\n');
    const { code, stderr } = await run([...DEMO.slice(2), '--manifests', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--manifests .*: cluster prod: prod\/broken\.yaml:\d+:\d+: invalid YAML/);
  });
});

describe('readiness-audit on a generated fleet, run as CI runs it', () => {
  let dir: string;
  const bin = path.resolve(__dirname, '../bin/readiness-audit');

  beforeAll(() => {
    dir = tmp();
    const gen = spawnSync(process.execPath, [at('bench/generate.mjs'), '--services', '40', '--clusters', '2', '--out', dir], {
      encoding: 'utf8',
    });
    if (gen.status !== 0) throw new Error(`bench/generate.mjs failed: ${gen.stderr}`);
  }, 60_000);

  const fleet = () => ['--manifests', path.join(dir, 'manifests'), '--catalog', path.join(dir, 'catalog-info.yaml')];

  it('exits per --fail-on: 1 exactly when a failing check of a counted severity is not exempted', async () => {
    const { stdout } = await run([...fleet(), '--format', 'json', '--fail-on', 'any']);
    const findings = JSON.parse(stdout).findings.filter((f: any) => f.status === 'fail' && !f.exemption);
    const counted: Record<string, string[]> = { critical: ['critical'], high: ['critical', 'high'], any: ['critical', 'high', 'medium'] };
    for (const level of Object.keys(counted)) {
      const want = findings.some((f: any) => counted[level].includes(f.severity)) ? 1 : 0;
      expect({ level, code: (await run([...fleet(), '--format', 'json', '--fail-on', level])).code }).toEqual({ level, code: want });
    }
    expect(JSON.parse(stdout).services).toHaveLength(40);
  }, 120_000);

  it('runs the real bin: SARIF on stdout, exit code as documented', () => {
    const child = spawnSync(bin, [...fleet(), '--format', 'sarif', '--fail-on', 'any'], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(child.stderr).toBe('');
    const sarif = JSON.parse(child.stdout);
    expect(sarif.version).toBe('2.1.0');
    const failing = sarif.runs[0].results.filter((r: any) => r.level === 'error' && !r.suppressions);
    expect(child.status).toBe(failing.length ? 1 : 0);
    // Paths are relative to the working directory, as code scanning expects.
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^manifests\//);
  }, 120_000);
});
