import readinessPlugin from './alpha';
import { entityContentRouteRef, rootRouteRef } from './routes';

describe('readiness plugin for the new frontend system', () => {
  it('provides the API, the page, the entity card and the entity tab', () => {
    expect(readinessPlugin.pluginId).toBe('readiness');
    // The same route refs as the legacy plugin, so links work in either app.
    expect(readinessPlugin.routes).toEqual({
      root: rootRouteRef,
      entityContent: entityContentRouteRef,
    });
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
