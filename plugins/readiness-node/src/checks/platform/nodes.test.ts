import { snapshotFromObjects } from '../../loader';
import {
  NOW,
  factsFrom,
  node,
  platformContext,
  withKindError,
} from '../../testing/builders';
import { platNodes } from './nodes';
import { evaluatePlatformClusters, SweepIndex } from '../../engine';
import { DEFAULT_PLATFORM, DEFAULT_THRESHOLDS } from '../../engine/settings';

describe('PLAT-NODES', () => {
  it('passes with two Ready nodes', () => {
    const out = platNodes(platformContext([node('node-1'), node('node-2')]));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe('2/2 nodes Ready (node-1, node-2)');
  });

  it("caps the names of a large cluster's Ready nodes in its evidence line", () => {
    const nodes = Array.from({ length: 30 }, (_, i) => node(`node-${i + 10}`));
    const out = platNodes(platformContext(nodes));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe(
      '30/30 nodes Ready (node-10, node-11, node-12, node-13, node-14, node-15, node-16, node-17 … and 22 more)',
    );
  });

  it('warns on a single Ready node (single point of failure), naming the NotReady one', () => {
    const out = platNodes(
      platformContext([node('node-1'), node('node-2', false)]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence).toContain(
      'Node node-2 not Ready (False, KubeletNotReady)',
    );
    expect(out.evidence.join('\n')).toMatch(/single point of failure/);
  });

  it('fails with no Ready node', () => {
    expect(platNodes(platformContext([node('node-1', false)])).status).toBe(
      'fail',
    );
    expect(platNodes(platformContext([])).status).toBe('fail');
  });

  it('judges each cluster on its own: two one-node clusters warn', () => {
    const facts = {
      clusters: [
        snapshotFromObjects('east', [node('a')], {
          fetchedAt: NOW.toISOString(),
        }),
        snapshotFromObjects('west', [node('b')], {
          fetchedAt: NOW.toISOString(),
        }),
      ],
    };
    // The engine judges each cluster in its own context and keeps the worst.
    const { checks, clusters } = evaluatePlatformClusters(
      new SweepIndex(facts),
      {
        platform: DEFAULT_PLATFORM,
        thresholds: DEFAULT_THRESHOLDS,
        now: NOW,
      },
    );
    const out = checks.find(c => c.checkId === 'PLAT-NODES')!;
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/^cluster east: 1\/1 nodes Ready/);
    expect(out.evidence).toContain('cluster west: 1/1 nodes Ready (b)');
    expect(clusters.map(c => c.cluster)).toEqual(['east', 'west']);
  });

  it('is n/a without any cluster', () => {
    expect(platNodes(platformContext({ clusters: [] })).status).toBe('n/a');
  });

  it('is unknown when nodes cannot be listed', () => {
    const out = platNodes(
      platformContext(
        withKindError(
          factsFrom([node('a'), node('b')]),
          'nodes',
          'nodes is forbidden',
        ),
      ),
    );
    expect(out.status).toBe('unknown');
    expect(out.error).toEqual({
      source: 'kubernetes',
      message: 'nodes: cluster prod: nodes is forbidden',
    });
  });
});
