import type { KubeObject } from '../../facts';
import type { ServiceContext } from '../../engine/types';

/** This cluster's Namespaces by name, indexed once per sweep (undefined when not readable). */
export function namespacesByName(
  ctx: Pick<ServiceContext, 'all' | 'memo'>,
): Map<string, KubeObject> | undefined {
  const read = ctx.all('namespaces');
  if (read.state !== 'ok') return undefined;
  return ctx.memo(
    'namespaces:by-name',
    () => new Map(read.value.map(n => [n.metadata.name, n])),
  );
}
