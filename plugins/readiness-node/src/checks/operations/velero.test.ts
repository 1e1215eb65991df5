import { deployment, schedule, serviceContext } from '../../testing/builders';
import { schedulesFor } from './velero';

describe('schedulesFor', () => {
  // The cluster's Schedules in their order: plain names, globs, all namespaces and exclusions.
  const schedules = [
    schedule('a-named', { includedNamespaces: ['data-platform', 'web'] }),
    schedule('b-other', { includedNamespaces: ['web'] }),
    schedule('c-glob', { includedNamespaces: ['data-*'] }),
    schedule('d-all', { includedNamespaces: [] }),
    schedule('e-star-excluding', { includedNamespaces: ['*'], excludedNamespaces: ['data-platform'] }),
    schedule('f-named-excluding', { includedNamespaces: ['data-platform'], excludedNamespaces: ['data-*'] }),
    schedule('g-named-again', { includedNamespaces: ['data-platform', 'data-platform'] }),
  ];
  const ctx = serviceContext([deployment('doris'), ...schedules]);
  const names = (ns: string) => schedulesFor(ctx, schedules, ns).map(s => s.metadata.name);

  it("returns the Schedules including a namespace, in the cluster's order, each once", () => {
    expect(names('data-platform')).toEqual(['a-named', 'c-glob', 'd-all', 'g-named-again']);
    expect(names('web')).toEqual(['a-named', 'b-other', 'd-all', 'e-star-excluding']);
    expect(names('data-lake')).toEqual(['c-glob', 'd-all', 'e-star-excluding']);
    expect(names('nowhere')).toEqual(['d-all', 'e-star-excluding']);
  });
});
