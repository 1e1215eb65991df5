import readinessPlugin from './alpha';

describe('readiness plugin for the new frontend system', () => {
  it('provides the API, the page, the entity card and the entity tab', () => {
    expect(readinessPlugin.id).toBe('readiness');
    for (const id of [
      'api:readiness',
      'page:readiness',
      'entity-card:readiness/readiness',
      'entity-content:readiness/readiness',
    ]) {
      expect(() => readinessPlugin.getExtension(id as any)).not.toThrow();
    }
  });
});
