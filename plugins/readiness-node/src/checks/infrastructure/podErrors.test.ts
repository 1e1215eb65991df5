import {
  deployment,
  factsFrom,
  hoursAgo,
  ID_LABEL,
  pod,
  restarted,
  serviceContext,
  waiting,
  withKindError,
} from '../../testing/builders';
import { infPodErrors } from './podErrors';

const labels = { [ID_LABEL]: 'doris', app: 'doris' };
const p = (name: string, opts: Parameters<typeof pod>[1] = {}) =>
  pod(name, { labels, ...opts });

describe('INF-POD-ERRORS', () => {
  it('passes with no errors and no recent restarts (an old restart is fine)', () => {
    const out = infPodErrors(
      serviceContext([
        p('doris-0'),
        p('doris-1', {
          containerStatuses: [restarted('Error', hoursAgo(72), 2)],
        }),
      ]),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      '2 pods, 2 restarts in total, no errors and no restarts in the last 24 h',
    ]);
  });

  it('warns on a restart in the last 24 h', () => {
    const out = infPodErrors(
      serviceContext([
        p('doris-0', {
          containerStatuses: [restarted('Error', hoursAgo(3), 1)],
        }),
      ]),
    );
    expect(out.status).toBe('warn');
    expect(out.evidence[0]).toBe(
      'Pod data-platform/doris-0 container app: 1 restart, last 3 h ago (Error, exit 1)',
    );
  });

  it.each([
    'CrashLoopBackOff',
    'ImagePullBackOff',
    'ErrImagePull',
    'CreateContainerConfigError',
  ])('fails on %s', reason => {
    const out = infPodErrors(
      serviceContext([
        p('doris-0', { containerStatuses: [waiting(reason, 5)] }),
      ]),
    );
    expect(out.status).toBe('fail');
    expect(out.evidence[0]).toBe(
      `Pod data-platform/doris-0 container app: ${reason} (restarts 5)`,
    );
  });

  it('fails on a recent OOMKilled, and on a failing init container', () => {
    expect(
      infPodErrors(
        serviceContext([
          p('a', {
            containerStatuses: [restarted('OOMKilled', hoursAgo(1), 4)],
          }),
        ]),
      ).status,
    ).toBe('fail');
    const init = p('b', {
      initContainerStatuses: [waiting('CrashLoopBackOff', 2, 'migrate')],
    });
    expect(infPodErrors(serviceContext([init])).evidence[0]).toMatch(
      /container migrate: CrashLoopBackOff/,
    );
  });

  it('is n/a when no pod is selected', () => {
    expect(infPodErrors(serviceContext([pod('unrelated')])).status).toBe('n/a');
  });

  it('is unknown when pods cannot be listed', () => {
    expect(
      infPodErrors(
        serviceContext(withKindError(factsFrom([p('doris-0')]), 'pods')),
      ).status,
    ).toBe('unknown');
  });

  it('is n/a, saying why, when the source holds no Pods at all (a manifests export)', () => {
    const out = infPodErrors(serviceContext([deployment('doris')]));
    expect(out.status).toBe('n/a');
    expect(out.evidence).toEqual([
      'pod errors not judged: the source holds no pods objects at all (a manifests export or GitOps repo)',
    ]);
  });
});
