import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { healthHttpHandlers, type ReadinessViewers } from './health.http';
import { ReadinessCache } from './readinessCache';
import { probeReadiness, type ReadinessDependencies } from './readinessProbes';

export { healthOperations } from './health.api';

/** `GET /api/health` (liveness, no dependency calls) and `GET /api/health/ready` (readiness, cached per instance). */
export function buildHealth(deps: ReadinessDependencies & ReadinessViewers & { http: HttpPipeline }): { http: HttpHandlers } {
  const cache = new ReadinessCache(() => probeReadiness(deps, () => new Date()), deps.settings.FLEETPLANE_HEALTH_CACHE_SECONDS * 1000);
  return { http: healthHttpHandlers(deps.http, cache, deps) };
}
