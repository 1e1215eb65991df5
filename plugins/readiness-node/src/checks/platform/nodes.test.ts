import { snapshotFromObjects } from '../../loader';
import {
  NOW,
  factsFrom,
  node,
  platformContext,
  withKindError,
} from '../../testing/builders';
import { platNodes } from './nodes';

describe('PLAT-NODES', () => {
  it('passes with two Ready nodes', () => {
    const out = platNodes(platformContext([node('node-1'), node('node-2')]));
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toBe('2/2 nodes Ready (node-1, node-2)');
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
    const out = platNodes(platformContext(facts));
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toMatch(/^cluster east: 1\/1 nodes Ready/);
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
