import { z } from 'zod';
import { ArmError } from '../errors';
import { DEFAULT_LOAD_PROFILE } from './loadProfile';

/**
 * What runs in one emulated cluster: the load profile, DaemonSets, Deployments, PodDisruptionBudgets, API clients
 * (for audit logs) and nodes forced NotReady. Settable through the admin API; every field is documented in
 * docs/aks-emulator.md ("Workload simulation").
 */

const k8sName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label (lower-case letters, digits and "-")');

const osName = z.enum(['linux', 'windows']);

export const loadProfileSchema = z
  .object({
    kind: z.enum(['steady', 'diurnal', 'spike']).default(DEFAULT_LOAD_PROFILE.kind),
    intensity: z.number().min(0).max(100).default(DEFAULT_LOAD_PROFILE.intensity),
    peakHourUtc: z.number().min(0).lt(24).default(DEFAULT_LOAD_PROFILE.peakHourUtc),
    spikeEveryMinutes: z.number().int().min(1).max(10_080).default(DEFAULT_LOAD_PROFILE.spikeEveryMinutes),
    spikeMinutes: z.number().int().min(0).default(DEFAULT_LOAD_PROFILE.spikeMinutes),
    spikeMultiplier: z.number().min(1).max(100).default(DEFAULT_LOAD_PROFILE.spikeMultiplier),
  })
  .refine((p) => p.spikeMinutes <= p.spikeEveryMinutes, { message: 'spikeMinutes cannot exceed spikeEveryMinutes', path: ['spikeMinutes'] });

const daemonSetSchema = z.object({
  namespace: k8sName.default('kube-system'),
  name: k8sName,
  os: osName.default('linux'),
  cpuRequestMillicores: z.number().int().min(0),
  memoryRequestBytes: z.number().int().min(0),
  cpuUsageMillicores: z.number().min(0),
  memoryWorkingSetBytes: z.number().min(0),
});

const deploymentSchema = z
  .object({
    namespace: k8sName,
    name: k8sName,
    /** Replicas at nominal load; the floor when the deployment follows load. */
    replicas: z.number().int().min(0).max(10_000),
    /** Above `replicas`: an HPA adds replicas as the load factor grows (see podPlan.ts). */
    maxReplicas: z.number().int().min(0).max(10_000).optional(),
    cpuRequestMillicores: z.number().int().min(1),
    memoryRequestBytes: z.number().int().min(1),
    /** CPU usage per pod at load 1, as a fraction of the request (may exceed 1: pods burst above requests). */
    cpuUtilisation: z.number().min(0).max(20).default(0.5),
    /** Memory working set per pod at load 1, as a fraction of the request. */
    memoryUtilisation: z.number().min(0).max(20).default(0.6),
    /** false: usage and replicas ignore the load profile (system components). */
    followsLoad: z.boolean().default(true),
    nodeSelector: z.object({ os: osName.default('linux'), pool: z.string().min(1).optional() }).default({ os: 'linux' }),
    /** Container log lines per running pod per minute at load 1. */
    logLinesPerMinute: z.number().min(0).max(600).default(2),
    image: z.string().min(1).optional(),
  })
  .refine((d) => d.maxReplicas === undefined || d.maxReplicas >= d.replicas, { message: 'maxReplicas cannot be below replicas', path: ['maxReplicas'] });

const pdbSchema = z.object({
  namespace: k8sName,
  name: k8sName,
  /** The deployment (same namespace) whose pods the budget selects. */
  deployment: k8sName,
  minAvailable: z.number().int().min(0),
});

const apiClientSchema = z.object({
  userAgent: z.string().min(1),
  user: z.string().min(1),
  verb: z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']),
  /** API group; '' for the core group. */
  group: z.string(),
  version: z.string().min(1),
  resource: z.string().min(1),
  namespace: z.string().optional(),
  callsPerHour: z.number().int().min(1).max(3_600),
  sourceIp: z.string().default('10.224.0.4'),
});

export const workloadSpecSchema = z
  .object({
    profile: loadProfileSchema.default({ ...DEFAULT_LOAD_PROFILE }),
    daemonSets: z.array(daemonSetSchema).default([]),
    deployments: z.array(deploymentSchema).default([]),
    podDisruptionBudgets: z.array(pdbSchema).default([]),
    apiClients: z.array(apiClientSchema).default([]),
    notReadyNodes: z.array(z.string().min(1)).default([]),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    for (const [i, d] of [...spec.deployments, ...spec.daemonSets].entries()) {
      const key = `${d.namespace}/${d.name}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate workload name ${key}`, path: ['deployments', i] });
      seen.add(key);
    }
    for (const [i, pdb] of spec.podDisruptionBudgets.entries()) {
      if (!spec.deployments.some((d) => d.namespace === pdb.namespace && d.name === pdb.deployment)) {
        ctx.addIssue({ code: 'custom', message: `PDB ${pdb.namespace}/${pdb.name} selects unknown deployment ${pdb.deployment}`, path: ['podDisruptionBudgets', i] });
      }
    }
  });

export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
export type DeploymentSpec = WorkloadSpec['deployments'][number];
export type DaemonSetSpec = WorkloadSpec['daemonSets'][number];
export type PdbSpec = WorkloadSpec['podDisruptionBudgets'][number];
export type ApiClientSpec = WorkloadSpec['apiClients'][number];
export type OsName = z.infer<typeof osName>;

/** Validates an admin request body into a complete spec (defaults applied); 400 InvalidRequestContent otherwise. */
export function parseWorkloadSpec(body: unknown): WorkloadSpec {
  const parsed = workloadSpecSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new ArmError(400, 'InvalidRequestContent', `The workload is invalid: ${problems.join('; ')}.`);
}

/** Merges a partial body onto the current spec (top-level fields replace, `profile` merges) and validates the result. */
export function patchWorkloadSpec(current: WorkloadSpec, patch: unknown): WorkloadSpec {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return parseWorkloadSpec(patch);
  const body = patch as Record<string, unknown>;
  const profilePatch = typeof body['profile'] === 'object' && body['profile'] !== null ? body['profile'] : {};
  return parseWorkloadSpec({ ...current, ...body, profile: { ...current.profile, ...profilePatch } });
}
