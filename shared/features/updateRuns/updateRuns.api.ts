import { z } from 'zod';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';
import { MEMBER_STATUSES, updateRunSchema } from './updateRunDocument';
import { runReportSchema } from './runReport';
import { clusterIdSchema, namedCreateUpdateRunSchema } from './updateRunRequest';
import { strategyNameSchema } from './updateRunGates';

export const runIdSchema = z
  .string()
  .max(64)
  .regex(/^ur-[a-z0-9-]{1,60}$/, { error: 'must be an update run id (ur-…)' });

export const runParamsSchema = z.object({ runId: runIdSchema });

export const gateParamsSchema = z.object({
  runId: runIdSchema,
  gateId: z
    .string()
    .max(120)
    .regex(/^[A-Za-z0-9][-A-Za-z0-9_.]{0,119}$/, { error: 'must be a gate id as the run lists it (stage[.group].before|after.n)' }),
});

export const createQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: a dry run — stored and preflighted like a run (GET it once preflight.status is Completed), never started.'),
});

export const listQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  continuationToken: z.string().max(4096).optional(),
});

export const skipBodySchema = z
  .strictObject({
    member: clusterIdSchema.optional().describe('A member cluster not started yet.'),
    stage: strategyNameSchema.optional().describe('A stage (with group: one of its groups) not started yet.'),
    group: strategyNameSchema.optional(),
  })
  .refine((body) => (body.member === undefined) !== (body.stage === undefined), { error: 'give either member, or stage (and optionally group)' })
  .refine((body) => body.group === undefined || body.stage !== undefined, { error: 'group needs its stage', path: ['group'] });
export type SkipBody = z.infer<typeof skipBodySchema>;

export const updateRunViewSchema = updateRunSchema
  .extend({ memberCounts: z.record(z.enum(MEMBER_STATUSES), z.int()).describe('Members per status.') })
  .meta({ id: 'UpdateRun' });
export type UpdateRunView = z.infer<typeof updateRunViewSchema>;

const runSummarySchema = updateRunSchema.extend({ memberCounts: z.record(z.enum(MEMBER_STATUSES), z.int()) }).pick({
  id: true,
  name: true,
  status: true,
  dryRun: true,
  preflight: true,
  createdAt: true,
  createdBy: true,
  startedAt: true,
  finishedAt: true,
  resolvedVersion: true,
  estimate: true,
  memberCounts: true,
});

const runProblems = {
  ...authenticatedProblems,
  404: { description: 'No such run', schema: problemSchema },
  409: { description: 'The run is not in a state that allows this', schema: problemSchema },
};

const TAGS = ['updateRuns'];

export const createUpdateRun = defineOperation({
  operationId: 'createUpdateRun',
  method: 'POST',
  route: 'updateRuns',
  summary:
    'Create an update run: members (ids or a tag selector), target, stages → groups with gates. Needs clusters/upgrades create (Operator) on every member. The run is stored NotStarted with its members listed and preflight.status Pending; the preflight (version path, skew, power state, operations in flight, auto-upgrade channel, deprecated APIs, quota, windows, makespan estimate) runs on the update-runs queue: GET the run until preflight.status is Completed. ?dryRun=true stores a dry run, which is never started.',
  tags: TAGS,
  authenticated: true,
  request: { query: createQuerySchema, body: namedCreateUpdateRunSchema },
  responses: {
    201: { description: 'The run (NotStarted, its preflight pending)', schema: updateRunViewSchema, headers: { Location: 'The run', ETag: 'Its version' } },
    202: { description: 'Dry run: stored, its preflight pending; GET the Location for the plan', schema: updateRunViewSchema, headers: { Location: 'The dry run', ETag: 'Its version' } },
    ...authenticatedProblems,
  },
});

export const listUpdateRuns = defineOperation({
  operationId: 'listUpdateRuns',
  method: 'GET',
  route: 'updateRuns',
  summary: 'Update runs the caller may read (clusters/upgrades get on every member), newest first; paged with nextLink.',
  tags: TAGS,
  authenticated: true,
  request: { query: listQuerySchema },
  responses: {
    200: { description: 'A page of runs', schema: z.object({ value: z.array(runSummarySchema), nextLink: z.string().optional() }) },
    ...authenticatedProblems,
  },
});

export const getUpdateRun = defineOperation({
  operationId: 'getUpdateRun',
  method: 'GET',
  route: 'updateRuns/{runId}',
  summary: 'An update run with per-member progress (planned steps, current step, operation, surge/drain state, window, ETA), stages, gates and events (Reader on every member).',
  tags: TAGS,
  authenticated: true,
  request: { params: runParamsSchema },
  responses: { 200: { description: 'The run', schema: updateRunViewSchema, headers: { ETag: 'Its version' } }, ...runProblems },
});

const transition = (operationId: string, verb: string, summary: string) =>
  defineOperation({
    operationId,
    method: 'POST',
    route: `updateRuns/{runId}/${verb}`,
    summary,
    tags: TAGS,
    authenticated: true,
    request: { params: runParamsSchema },
    responses: { 200: { description: 'The run after the transition', schema: updateRunViewSchema }, ...runProblems },
  });

export const startUpdateRun = defineOperation({
  operationId: 'startUpdateRun',
  method: 'POST',
  route: 'updateRuns/{runId}/start',
  summary:
    'Start a NotStarted run (Operator on every member): the members are resolved again and a start preflight is queued (202). It turns the run Running, or, when a member not skipped has a blocking problem, refuses the start: the run stays NotStarted with preflight.status Failed, its error and a PreflightFailed event, the problems per member. A dry run never starts (409).',
  tags: TAGS,
  authenticated: true,
  request: { params: runParamsSchema },
  responses: {
    200: { description: 'The run was already Running', schema: updateRunViewSchema },
    202: { description: 'The start preflight is queued: GET the Location until the run is Running or preflight.status is Failed', schema: updateRunViewSchema, headers: { Location: 'The run', ETag: 'Its version' } },
    ...runProblems,
  },
});
export const stopUpdateRun = transition('stopUpdateRun', 'stop', 'Stop a run: no new member starts; operations under way finish, then the run is Stopped. Operator on every member.');
export const resumeUpdateRun = transition('resumeUpdateRun', 'resume', 'Resume a Paused or Stopped run. Operator on every member.');

export const skipInUpdateRun = defineOperation({
  operationId: 'skipInUpdateRun',
  method: 'POST',
  route: 'updateRuns/{runId}/skip',
  summary: 'Skip a member, a group or a stage that has not started (Operator on the members skipped).',
  tags: TAGS,
  authenticated: true,
  request: { params: runParamsSchema, body: skipBodySchema },
  responses: { 200: { description: 'The run', schema: updateRunViewSchema }, ...runProblems },
});

export const approveUpdateRunGate = defineOperation({
  operationId: 'approveUpdateRunGate',
  method: 'POST',
  route: 'updateRuns/{runId}/gates/{gateId}/approve',
  summary: 'Approve an approval gate (Operator on every member of its stage or group).',
  tags: TAGS,
  authenticated: true,
  request: { params: gateParamsSchema },
  responses: { 200: { description: 'The run', schema: updateRunViewSchema }, ...runProblems },
});

export const getUpdateRunReport = defineOperation({
  operationId: 'getUpdateRunReport',
  method: 'GET',
  route: 'updateRuns/{runId}/report',
  summary: 'The report of a finished run: per member its steps with durations, failures and gate results (Reader on every member).',
  tags: TAGS,
  authenticated: true,
  request: { params: runParamsSchema },
  responses: { 200: { description: 'The report', schema: runReportSchema }, ...runProblems },
});

/** The operations of this API area, in the order the API lists them. */
export const updateRunOperations: ApiOperation[] = [
  createUpdateRun,
  listUpdateRuns,
  getUpdateRun,
  startUpdateRun,
  stopUpdateRun,
  resumeUpdateRun,
  skipInUpdateRun,
  approveUpdateRunGate,
  getUpdateRunReport,
];
