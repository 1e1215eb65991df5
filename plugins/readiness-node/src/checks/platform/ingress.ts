import type { PlatformCheck } from '../../engine/types';
import { componentOutcome } from './components';

/** PLAT-INGRESS: the ingress controller's workloads (readiness.platform.ingress). */
export const platIngress: PlatformCheck = ctx =>
  componentOutcome(ctx, 'ingress controller', ctx.platform.ingress);
