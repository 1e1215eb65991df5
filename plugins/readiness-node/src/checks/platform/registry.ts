import type { PlatformCheck } from '../../engine/types';
import { componentOutcome } from './components';

/** PLAT-REGISTRY: every workload of the private registry (Harbor core, portal, registry, …). */
export const platRegistry: PlatformCheck = ctx =>
  componentOutcome(ctx, 'registry', ctx.platform.registry);
