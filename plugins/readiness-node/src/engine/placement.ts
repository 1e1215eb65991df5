import type { SweepIndex } from './context';
import type { ServiceTarget } from './settings';

/** Where a service is judged, and what a reader should know about the clusters left out. */
export interface Placement {
  /**
   * The clusters to evaluate the service in. Empty when the sweep has no cluster the target may
   * live in (no Kubernetes, or pinned to an unknown cluster).
   */
  clusters: string[];
  notes: string[];
}

/**
 * Decides which clusters a service is judged in. Clusters are separate worlds, so:
 * - every readable cluster where its workloads or pods are found;
 * - plus every unreadable cluster where the last good sweep placed it (it is `unknown` there,
 *   never silently judged from its other clusters);
 * - found nowhere but some cluster unreadable: the unreadable clusters (it may be there);
 * - found nowhere and every cluster readable: every candidate cluster (INF-WORKLOAD fails each).
 * An unreadable cluster left out is named in a note.
 */
export function placeService(
  index: SweepIndex,
  target: ServiceTarget,
  previous: readonly string[] = [],
): Placement {
  const candidates = index.clustersFor(target);
  if (!target.kubernetesId && !target.labelSelector) {
    return { clusters: candidates.slice(0, 1), notes: [] };
  }
  const found: string[] = [];
  const unreadable: string[] = [];
  for (const cluster of candidates) {
    if (index.foundIn(cluster, target)) found.push(cluster);
    else if (index.clusters.get(cluster)?.unreadable) unreadable.push(cluster);
  }
  const wasThere = unreadable.filter(c => previous.includes(c));
  let clusters: string[];
  if (found.length) clusters = [...found, ...wasThere];
  else if (unreadable.length) clusters = wasThere.length ? wasThere : unreadable;
  else clusters = candidates;
  clusters = candidates.filter(c => clusters.includes(c));

  const notes = unreadable
    .filter(c => !clusters.includes(c))
    .map(
      c =>
        `cluster ${c} could not be read (${
          index.clusters.get(c)!.unreadable
        }); judged from ${clusters.join(', ')}`,
    );
  return { clusters, notes };
}
