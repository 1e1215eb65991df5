import {
  evaluateSweep,
  loadManifestsDirectory,
  targetFromEntity,
} from '@254carbon/plugin-readiness-node';
import { DEMO_PLATFORM_DIR, demoComponents, demoSettings, demoVault, expected } from './demoFixtures';

/**
 * The demo platform must measure what the status report describes: every check of every demo
 * service and every platform check equals demo/expected-results.json (derived by hand from the
 * check catalog), at the instant the demo is set (certificate days-left depend on it).
 */
describe('the 254Carbon demo platform, evaluated from its manifests', () => {
  let result: ReturnType<typeof evaluateSweep>;

  beforeAll(async () => {
    const clusters = await loadManifestsDirectory(DEMO_PLATFORM_DIR);
    const { thresholds, platform } = demoSettings();
    const targets = demoComponents().map(e =>
      targetFromEntity(e, { thresholds, now: new Date(expected.now) }),
    );
    result = evaluateSweep({ clusters, vault: demoVault() }, targets, {
      platform,
      thresholds,
      now: new Date(expected.now),
    });
  }, 60_000);

  it('measures every platform check as expected', () => {
    const got = Object.fromEntries(result.platform.checks.map(c => [c.checkId, c.status]));
    const want = Object.fromEntries(
      Object.entries(expected.platform).map(([id, c]) => [id, c.status]),
    );
    expect(got).toEqual(want);
  });

  it('measures all nine services', () => {
    expect(result.services.map(s => s.entityRef).sort()).toEqual(
      Object.keys(expected.services).sort(),
    );
  });

  it.each(Object.keys(expected.services))('measures every check of %s as expected', ref => {
    const service = result.services.find(s => s.entityRef === ref)!;
    const got = Object.fromEntries(
      service.checks.map(c => [
        c.checkId,
        { status: c.status, blockedBy: c.blockedBy, exempt: Boolean(c.exemption) },
      ]),
    );
    const want = Object.fromEntries(
      Object.entries(expected.services[ref]).map(([id, c]) => [
        id,
        { status: c.status, blockedBy: c.blockedBy, exempt: Boolean(c.exempt) },
      ]),
    );
    expect(got).toEqual(want);
    expect(service.entityErrors).toEqual([]);
  });

  it('scores every service as expected', () => {
    for (const service of result.services) {
      const name = service.entityRef.split('/')[1];
      const want = expected.expectedScores.services[name];
      expect({
        overall: service.overall.percent,
        infrastructure: service.layers.infrastructure.percent,
        security: service.layers.security.percent,
        operations: service.layers.operations.percent,
      }).toEqual({
        overall: want.overall,
        infrastructure: want.infrastructure,
        security: want.security,
        operations: want.operations,
      });
    }
  });

  it('never carries a demo credential value into the results', () => {
    expect(JSON.stringify(result)).not.toMatch(/demo-not-a-real-secret/);
  });
});
