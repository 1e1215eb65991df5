import { isReadinessAvailable } from './isReadinessAvailable';

const entity = (annotations?: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'doris', annotations },
});

describe('isReadinessAvailable', () => {
  it('accepts either Kubernetes plugin annotation', () => {
    expect(
      isReadinessAvailable(entity({ 'backstage.io/kubernetes-id': 'doris' })),
    ).toBe(true);
    expect(
      isReadinessAvailable(
        entity({ 'backstage.io/kubernetes-label-selector': 'app=doris' }),
      ),
    ).toBe(true);
  });

  it('rejects entities without them, or with empty values', () => {
    expect(isReadinessAvailable(entity())).toBe(false);
    expect(
      isReadinessAvailable(entity({ 'backstage.io/kubernetes-id': '' })),
    ).toBe(false);
    expect(
      isReadinessAvailable(entity({ 'vault.io/secrets-path': 'doris' })),
    ).toBe(false);
  });
});
