export interface Config {
  readiness?: {
    /** Settings of the `readiness:*` scaffolder actions that onboard a service. */
    onboarding?: {
      /**
       * Namespaces a template may onboard into. When set, any other namespace is refused.
       * kube-system, kube-public and kube-node-lease are always refused.
       */
      allowedNamespaces?: string[];
      /**
       * ClusterIssuer the generated Certificates use. Default: letsencrypt-prod.
       */
      productionIssuer?: string;
      /**
       * Namespace of the ingress controller, allowed to reach the service. Default: ingress-nginx.
       */
      ingressNamespace?: string;
      /**
       * ingressClassName of the generated Ingress. Default: nginx.
       */
      ingressClassName?: string;
      /**
       * Namespace of the monitoring stack, allowed to scrape the service. Default: monitoring.
       */
      monitoringNamespace?: string;
      /**
       * Namespace Vault runs in; the service's egress to it is allowed on port 8200. Default: vault.
       */
      vaultNamespace?: string;
      /**
       * Cluster the `apply` mode writes to with server-side apply. Without it, only `write` works.
       */
      cluster?: {
        /** API server URL, e.g. https://k8s.example.com:6443 */
        url: string;
        /**
         * Bearer token of a ServiceAccount allowed to apply the generated kinds in the allowed
         * namespaces.
         * @visibility secret
         */
        serviceAccountToken: string;
        /**
         * Base64 PEM of the API server's CA.
         * @visibility secret
         */
        caData?: string;
        /** Path to the API server's CA file. */
        caFile?: string;
        /** Disables TLS verification: only for local test clusters. */
        skipTLSVerify?: boolean;
      };
      /** Vault the `apply` mode writes the role and the policy to. */
      vault?: {
        /** e.g. https://vault.example.com:8200 */
        baseUrl: string;
        /**
         * Token allowed to write `sys/policies/acl/*` and `auth/<authMount>/role/*`.
         * @visibility secret
         */
        token: string;
        /** Mount of the Kubernetes auth method. Default: kubernetes. */
        authMount?: string;
        /** Mount of the KV v2 secrets engine. Default: secret. */
        kvMount?: string;
      };
    };
  };
}
