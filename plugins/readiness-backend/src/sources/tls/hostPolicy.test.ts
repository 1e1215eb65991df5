import { decideTlsHosts } from './hostPolicy';

const policy = { allowedHosts: ['*.status.example.com', 'edge.example.net'], allowedPorts: [8443] };
const own = ['web.example.com', 'api.example.com', '*.example.com'];

describe('decideTlsHosts', () => {
  it("probes the service's own hosts when no annotation names any", () => {
    expect(decideTlsHosts({ ownHosts: own }, policy)).toEqual({
      probe: ['api.example.com', 'web.example.com'],
      errors: [],
    });
  });

  it('keeps annotation hosts that are the service’s own or allowed by pattern, on 443 or an allowed port', () => {
    const decision = decideTlsHosts(
      {
        annotationHosts: ['API.example.com', 'eu.status.example.com', 'a.b.status.example.com:8443', 'edge.example.net'],
        ownHosts: own,
      },
      policy,
    );
    expect(decision).toEqual({
      probe: ['api.example.com', 'eu.status.example.com', 'a.b.status.example.com:8443', 'edge.example.net'],
      publicHosts: ['api.example.com', 'eu.status.example.com', 'a.b.status.example.com:8443', 'edge.example.net'],
      errors: [],
    });
  });

  it('rejects every other host and port with an error naming the config key', () => {
    const decision = decideTlsHosts(
      {
        annotationHosts: [
          'internal-db.corp',
          '10.0.0.12',
          'status.example.com', // the pattern covers names under it, not the apex
          'evilstatus.example.com',
          'web.example.com:22',
          'http://web.example.com/',
          'web.example.com:99999',
        ],
        ownHosts: own,
      },
      policy,
    );
    expect(decision.errors).toEqual([
      "readiness.254carbon.io/public-hosts: internal-db.corp is neither a host of the service's own Ingress or Certificate objects nor allowed by readiness.sources.tls.allowedHosts; it was not probed",
      "readiness.254carbon.io/public-hosts: 10.0.0.12 is neither a host of the service's own Ingress or Certificate objects nor allowed by readiness.sources.tls.allowedHosts; it was not probed",
      "readiness.254carbon.io/public-hosts: status.example.com is neither a host of the service's own Ingress or Certificate objects nor allowed by readiness.sources.tls.allowedHosts; it was not probed",
      "readiness.254carbon.io/public-hosts: evilstatus.example.com is neither a host of the service's own Ingress or Certificate objects nor allowed by readiness.sources.tls.allowedHosts; it was not probed",
      'readiness.254carbon.io/public-hosts: port 22 of web.example.com is not allowed (only 443 unless listed in readiness.sources.tls.allowedPorts); it was not probed',
      'readiness.254carbon.io/public-hosts: "http://web.example.com/" is not a host name (expected e.g. portal.example.com or portal.example.com:443); it was not probed',
      'readiness.254carbon.io/public-hosts: port 99999 of web.example.com is not allowed (only 443 unless listed in readiness.sources.tls.allowedPorts); it was not probed',
    ]);
    // Nothing named by the annotation is probed; the service's own hosts are, as without it.
    expect(decision.probe).toEqual(['api.example.com', 'web.example.com']);
    expect(decision.publicHosts).toBeUndefined();
  });

  it('allows no annotation host by default', () => {
    const decision = decideTlsHosts(
      { annotationHosts: ['anything.example.org'], ownHosts: [] },
      { allowedHosts: [], allowedPorts: [] },
    );
    expect(decision.probe).toEqual([]);
    expect(decision.errors).toHaveLength(1);
  });
});
