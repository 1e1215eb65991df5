import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The readiness backend. Clusters come from `kubernetes.clusterLocatorMethods` (type `config`),
   * the same config the Kubernetes plugin reads.
   */
  readiness?: {
    /**
     * How often the catalog is swept. Default: every 5 minutes, 4 minute timeout, 3 s initial delay.
     * @visibility backend
     */
    schedule?: {
      frequency: HumanDuration | { cron: string };
      timeout: HumanDuration;
      initialDelay?: HumanDuration;
      scope?: 'global' | 'local';
    };

    /** @visibility backend */
    retention?: {
      /**
       * Days of score history kept. Default 90.
       * @visibility backend
       */
      days?: number;
    };

    /** @visibility backend */
    refresh?: {
      /**
       * At most one on-demand refresh per entity in this many seconds; sooner answers 429 with
       * Retry-After. Default 15.
       * @visibility backend
       */
      minIntervalSeconds?: number;
    };

    /** @visibility backend */
    sources?: {
      /** Offline clusters: a directory with one subfolder per cluster of manifests / kubectl exports. */
      manifests?: {
        /**
         * Relative to the backend's working directory.
         * @visibility backend
         */
        directory: string;
      };

      /** Live clusters. */
      kubernetes?: {
        /** @visibility backend */
        enabled?: boolean;
        /**
         * Per request. Default 10000.
         * @visibility backend
         */
        timeoutMs?: number;
        /**
         * `limit` of each list page. Default 500.
         * @visibility backend
         */
        pageSize?: number;
        /**
         * Kinds listed at once per cluster. Default 6.
         * @visibility backend
         */
        concurrency?: number;
        /**
         * Also collect from the cluster the backend runs in (pod service account). Default false.
         * @visibility backend
         */
        inCluster?: boolean;
        /**
         * Also collect from the current context of this kubeconfig file.
         * @visibility backend
         */
        kubeconfig?: string;
        /**
         * Tokens the backend presents to clusters whose authProvider is oidc, by their
         * oidcTokenProvider name (e.g. a workload identity token). Sweeps run with nobody signed in,
         * so the user's own OIDC token is never available to them.
         * @visibility secret
         */
        oidcTokens?: { [oidcTokenProvider: string]: string };
        /**
         * Collect each live cluster in a scheduled task of its own (readiness-collect:<cluster>),
         * so several backend replicas on one PostgreSQL share the collection work; the sweep then
         * evaluates the stored collections together. Default false (the sweep collects).
         * @visibility backend
         */
        perClusterTasks?: boolean;
        /**
         * Keep every listed kind current with a Kubernetes watch between sweeps (list once, then
         * apply the watch events, as an informer does), so a sweep makes no list call for a kind
         * whose watch is healthy. Needs the `watch` verb besides `list`; where it is refused the
         * kind is listed every sweep. Default true.
         * @visibility backend
         */
        watch?: boolean;
      };

      /** Vault, read-only. Set baseUrl (live) or snapshotFile (offline). */
      vault?: {
        /** @visibility backend */
        baseUrl?: string;
        /**
         * A read-only token (list/read on the auth roles, ACL policies and KV metadata).
         * @visibility secret
         */
        token?: string;
        /** Log in with the pod's service account instead of a static token. */
        kubernetesAuth?: {
          /** @visibility backend */
          role: string;
          /** @visibility backend */
          mount?: string;
          /** @visibility backend */
          jwtPath?: string;
        };
        /**
         * Mount of the Kubernetes auth method whose roles are checked. Default kubernetes.
         * @visibility backend
         */
        authMount?: string;
        /**
         * Mount of the KV v2 engine of `vault.io/secrets-path`. Default secret.
         * @visibility backend
         */
        kvMount?: string;
        /** @visibility backend */
        timeoutMs?: number;
        /**
         * PEM CA file trusted in addition to the system CAs.
         * @visibility backend
         */
        caFile?: string;
        /**
         * A JSON file shaped like VaultSnapshot, used instead of a live Vault.
         * @visibility backend
         */
        snapshotFile?: string;
        /**
         * Parallel requests. Default 8.
         * @visibility backend
         */
        concurrency?: number;
      };

      /** Real TLS handshakes to the services' public hosts (SEC-TLS-LIVE). */
      tls?: {
        /** @visibility backend */
        enabled?: boolean;
        /** @visibility backend */
        timeoutMs?: number;
        /**
         * Port for hosts given without one. Default 443.
         * @visibility backend
         */
        port?: number;
        /** @visibility backend */
        caFile?: string;
        /**
         * host → "address:port" to connect to instead of resolving the host.
         * @visibility backend
         */
        resolve?: { [host: string]: string };
        /** @visibility backend */
        concurrency?: number;
        /**
         * Hosts the readiness.254carbon.io/public-hosts annotation may name besides the
         * service's own Ingress and Certificate hosts: exact names or `*.example.com` (any name
         * under example.com). Default none: an annotation cannot make the backend connect to
         * an arbitrary host.
         * @visibility backend
         */
        allowedHosts?: string[];
        /**
         * Ports besides 443 an annotation host may name. Default none.
         * @visibility backend
         */
        allowedPorts?: number[];
      };

      /** Prometheus, for OPS-METRICS and the SLO checks. */
      prometheus?: {
        /** @visibility backend */
        baseUrl: string;
        /** @visibility backend */
        timeoutMs?: number;
        /**
         * PromQL templates with {{name}} and {{namespace}} placeholders.
         * @visibility backend
         */
        queries?: {
          /** @visibility backend */
          up?: string;
          /**
           * Must return the success ratio 0..1.
           * @visibility backend
           */
          availability?: string;
          /**
           * Must return milliseconds.
           * @visibility backend
           */
          latencyP95?: string;
        };
        /** @visibility backend */
        concurrency?: number;
      };
    };

    /**
     * Threshold overrides for everyone (see the check catalog), e.g. { minReplicas: 3 }.
     * @visibility backend
     */
    thresholds?: { [key: string]: number | string | string[] };

    /**
     * Where the platform components live (ingress, registry, monitoring, velero…).
     * @visibility backend
     */
    platform?: { [key: string]: any };

    /**
     * Thresholds the readiness.254carbon.io/thresholds annotation may loosen (tightening is
     * always allowed). Default: every number, not allowedRegistries, productionIssuers or
     * vaultAllowedPaths.
     * @visibility backend
     */
    annotationMayLoosen?: string[];

    /**
     * Longest exemption in days from now, for annotation and config exemptions (default 90).
     * @visibility backend
     */
    exemptionMaxDays?: number;

    /**
     * Regression notifications through the notifications backend: when a check turns from pass
     * or warn to fail, the service's owner (the platform team for PLAT-* checks) gets one
     * notification. An entity opts out with the annotation
     * `readiness.254carbon.io/notifications: disabled`.
     */
    notifications?: {
      /**
       * Default true. Set false when the notifications backend is not installed.
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * Who is notified of failing platform checks: one or more entity refs (a group's members,
       * or users), e.g. group:default/platform-team. Without it, platform regressions are only logged.
       * @visibility backend
       */
      platformTeam?: string | string[];
    };

    /** Exemptions granted in config. */
    exemptions?: Array<{
      /**
       * Entity ref, e.g. component:default/doris.
       * @visibility backend
       */
      entity: string;
      /** @visibility backend */
      check: string;
      /** @visibility backend */
      reason: string;
      /**
       * YYYY-MM-DD; the exemption stops counting after it.
       * @visibility backend
       */
      expires: string;
    }>;
  };
}
