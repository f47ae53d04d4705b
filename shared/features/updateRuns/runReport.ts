import { z } from 'zod';
import { ConflictError } from '../../domain/errors';
import { GATE_STATUSES } from './updateRunGates';
import { isFinished, MEMBER_STATUSES, RUN_STATUSES, STEP_STATUSES, type UpdateRun } from './updateRunDocument';

const minutesBetween = (start?: string, end?: string) =>
  start && end ? Math.round(((Date.parse(end) - Date.parse(start)) / 60_000) * 10) / 10 : undefined;

export const runReportSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  status: z.enum(RUN_STATUSES),
  statusReason: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  durationMinutes: z.number().optional(),
  estimatedMinutes: z.number().optional(),
  members: z.array(
    z.object({
      clusterId: z.string(),
      stage: z.string(),
      group: z.string(),
      status: z.enum(MEMBER_STATUSES),
      statusReason: z.string().optional(),
      durationMinutes: z.number().optional(),
      estimatedMinutes: z.number().optional(),
      steps: z.array(
        z.object({
          controlPlane: z.string().optional(),
          nodePools: z.record(z.string(), z.string()).optional(),
          nodeImage: z.boolean().optional(),
          status: z.enum(STEP_STATUSES),
          operationId: z.string().optional(),
          durationMinutes: z.number().optional(),
          error: z.string().optional(),
        }),
      ),
      failures: z.array(z.object({ at: z.string(), code: z.string(), message: z.string() })),
      gates: z
        .array(z.object({ id: z.string(), type: z.string(), status: z.enum(GATE_STATUSES), passed: z.boolean().optional(), decidedAt: z.string().optional(), decidedBy: z.string().optional() }))
        .describe("The gates of the member's stage and group, with this member's health result where the gate checked it."),
    }),
  ),
});
export type RunReport = z.infer<typeof runReportSchema>;

/** What happened, per member: the report of a finished run (409 while it is not finished). */
export function runReportOf(run: UpdateRun): RunReport {
  if (!isFinished(run.status)) throw new ConflictError(`Update run ${run.id} is ${run.status}; its report exists once it is finished.`, 'RunNotFinished');
  return {
    id: run.id,
    ...(run.name ? { name: run.name } : {}),
    status: run.status,
    ...(run.statusReason ? { statusReason: run.statusReason } : {}),
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...optional('durationMinutes', minutesBetween(run.startedAt, run.finishedAt)),
    ...optional('estimatedMinutes', run.estimate?.makespanMinutes),
    members: run.members.map((member) => ({
      clusterId: member.clusterId,
      stage: member.stage,
      group: member.group,
      status: member.status,
      ...(member.statusReason ? { statusReason: member.statusReason } : {}),
      ...optional('durationMinutes', minutesBetween(member.startedAt, member.finishedAt)),
      ...optional('estimatedMinutes', member.estimatedMinutes),
      steps: member.steps.map(({ startedAt, finishedAt, ...step }) => ({ ...step, ...optional('durationMinutes', minutesBetween(startedAt, finishedAt)) })),
      failures: member.failures,
      gates: run.gates
        .filter((gate) => gate.placement.stage === member.stage && (gate.placement.group === undefined || gate.placement.group === member.group))
        .map((gate) => {
          const observation = gate.observations.find((candidate) => candidate.clusterId.toLowerCase() === member.clusterId.toLowerCase());
          return {
            id: gate.id,
            type: gate.definition.type,
            status: gate.status,
            ...(observation ? { passed: observation.passed } : {}),
            ...(gate.decidedAt ? { decidedAt: gate.decidedAt } : {}),
            ...(gate.decidedBy ? { decidedBy: gate.decidedBy } : {}),
          };
        }),
    })),
  };
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
