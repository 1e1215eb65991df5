import type { KubeObject } from '../../facts';
import { kubernetesUnknown, readKinds } from '../../engine/outcome';
import type { ServiceCheck } from '../../engine/types';
import {
  ArgFinding,
  classify,
  ConfigMapScan,
  scanConfigMap,
  SecretFinding,
} from '../../sanitize';
import { Findings, ref } from './findings';
import { allContainers, noPods, podSources } from './podSources';
import { configMapsReadBy } from './secretRefs';
import { listText } from '../listText';

/**
 * The scan the sanitiser left on a ConfigMap; objects that reached the engine another way
 * (a custom source) are scanned here, so a missing scan never reads as "clean".
 */
function scanOf(cm: KubeObject): ConfigMapScan {
  return (cm.readinessScan as ConfigMapScan | undefined) ?? scanConfigMap(cm);
}

function envFinding(env: any): SecretFinding | undefined {
  if (env?.readinessFinding) return env.readinessFinding;
  if (env && 'value' in env)
    return classify(String(env.name ?? ''), String(env.value ?? ''));
  return undefined;
}

/**
 * SEC-NO-PLAINTEXT: the ConfigMaps the service selects or its pods read, and its containers' env
 * literals and arguments, hold no credential. Works on what the sanitiser kept (key names and
 * the rule that matched): evidence names the ConfigMap key or env variable, never a value.
 */
export const noPlaintext: ServiceCheck = ctx => {
  const pods = podSources(ctx);
  if ('outcome' in pods) return pods.outcome;
  const read = readKinds({ configmaps: ctx.inNamespaces('configmaps') });
  if ('outcome' in read) return read.outcome;
  const selected = ctx.selected('configmaps');
  if (selected.state === 'error')
    return kubernetesUnknown('configmaps', selected.message);

  const key = (cm: KubeObject) =>
    `${cm.metadata.namespace}/${cm.metadata.name}`;
  const referenced = new Set(
    pods.sources.flatMap(s =>
      configMapsReadBy(s).map(name => `${s.namespace}/${name}`),
    ),
  );
  const configMaps = new Map<string, KubeObject>();
  for (const cm of read.items.configmaps)
    if (referenced.has(key(cm))) configMaps.set(key(cm), cm);
  for (const cm of selected.state === 'ok' ? selected.value : [])
    configMaps.set(key(cm), cm);

  if (pods.sources.length === 0 && configMaps.size === 0) {
    const none = noPods(ctx);
    return {
      ...none,
      evidence: [
        ...none.evidence,
        'and no ConfigMap selected: nothing to scan',
      ],
    };
  }

  const findings = new Findings();
  for (const cm of configMaps.values()) {
    for (const f of scanOf(cm).findings) {
      findings.add(
        f.severity,
        `${ref('ConfigMap', cm)} key ${f.key}: ${f.rule}`,
      );
    }
  }
  let containers = 0;
  for (const source of pods.sources) {
    for (const { name, container } of allContainers(source.spec)) {
      containers++;
      for (const env of container.env ?? []) {
        const f = envFinding(env);
        if (f)
          findings.add(
            f.severity,
            `${source.ref} container ${name} env ${env.name}: ${f.rule}`,
          );
      }
      for (const f of (container.readinessArgFindings ?? []) as ArgFinding[]) {
        findings.add(
          f.severity,
          `${source.ref} container ${name} ${f.field}[${f.index}]: ${f.rule}`,
        );
      }
    }
  }
  if (findings.empty) {
    findings.add(
      'pass',
      `nothing secret-like in ${configMaps.size} ConfigMap(s) (${
        listText([...configMaps.keys()]) || 'none'
      }) and the env of ${containers} container(s)`,
    );
  }
  return findings.outcome({
    fail: 'Move the listed keys into Vault (vault kv put) and inject them; then rotate every exposed credential: it has been readable by anyone allowed to read ConfigMaps or pod specs.',
    warn: 'Keep credential-named keys next to the secret they describe (Vault), or rename them if they are not credentials.',
  });
};
