import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { etagHeader } from '../../platform/http/etags';
import { nextLinkOf } from '../../platform/http/paging';
import { publicUrl } from '../../platform/http/publicUrl';
import { changeUpdateRun } from './changeUpdateRun';
import { createUpdateRun } from './createUpdateRun';
import { listUpdateRuns } from './listUpdateRuns';
import { readUpdateRun } from './readUpdateRun';
import { runReportOf } from './runReport';
import { approveGate, membersOfGate, membersToSkip, resumeRun, skipInRun, stopRun } from './runTransitions';
import { runViewOf } from './runView';
import { startUpdateRun } from './startUpdateRun';
import type { UpdateRunDependencies } from './updateRunDependencies';
import {
  approveUpdateRunGate,
  createUpdateRun as createOperation,
  getUpdateRun,
  getUpdateRunReport,
  listUpdateRuns as listOperation,
  resumeUpdateRun,
  skipInUpdateRun,
  startUpdateRun as startOperation,
  stopUpdateRun,
} from './updateRuns.api';

const NO_STORE = { 'cache-control': 'no-store' };

export function updateRunHttpHandlers(http: HttpPipeline, deps: UpdateRunDependencies): HttpHandlers {
  const runResponse = (stored: { value: Parameters<typeof runViewOf>[0]; etag: string }) => ({
    status: 200,
    jsonBody: runViewOf(stored.value),
    headers: { ...NO_STORE, ...etagHeader(stored.etag) },
  });
  const allMembers = (run: Parameters<typeof runViewOf>[0]) => run.members;
  return {
    [createOperation.operationId]: http.handle(createOperation, async (call) => {
      const { value: run, etag } = await createUpdateRun(deps, call, call.body, call.query.dryRun);
      const location = publicUrl(call.request.url, `/api/updateRuns/${run.id}`, deps.publicBaseUrl);
      return { status: run.dryRun ? 202 : 201, jsonBody: runViewOf(run), headers: { ...NO_STORE, ...etagHeader(etag), location } };
    }),
    [listOperation.operationId]: http.handle(listOperation, async (call) => {
      const page = await listUpdateRuns(deps, call, call.query);
      const value = page.runs.map((run) => {
        const view = runViewOf(run);
        return {
          id: view.id,
          ...(view.name ? { name: view.name } : {}),
          status: view.status,
          createdAt: view.createdAt,
          createdBy: view.createdBy,
          ...(view.startedAt ? { startedAt: view.startedAt } : {}),
          ...(view.finishedAt ? { finishedAt: view.finishedAt } : {}),
          ...(view.dryRun ? { dryRun: view.dryRun } : {}),
          ...(view.preflight ? { preflight: view.preflight } : {}),
          ...(view.resolvedVersion ? { resolvedVersion: view.resolvedVersion } : {}),
          ...(view.estimate ? { estimate: view.estimate } : {}),
          memberCounts: view.memberCounts,
        };
      });
      const nextLink = page.continuationToken ? nextLinkOf(call.request.url, { continuationToken: page.continuationToken }, deps.publicBaseUrl) : undefined;
      return { status: 200, jsonBody: { value, ...(nextLink ? { nextLink } : {}) }, headers: NO_STORE };
    }),
    [getUpdateRun.operationId]: http.handle(getUpdateRun, async (call) => runResponse(await readUpdateRun(deps, call, call.params.runId))),
    [getUpdateRunReport.operationId]: http.handle(getUpdateRunReport, async (call) => {
      const stored = await readUpdateRun(deps, call, call.params.runId);
      return { status: 200, jsonBody: runReportOf(stored.value), headers: NO_STORE };
    }),
    [startOperation.operationId]: http.handle(startOperation, async (call) => {
      const { stored, accepted } = await startUpdateRun(deps, call, call.params.runId);
      if (!accepted) return runResponse(stored);
      const location = publicUrl(call.request.url, `/api/updateRuns/${stored.value.id}`, deps.publicBaseUrl);
      return { ...runResponse(stored), status: 202, headers: { ...NO_STORE, ...etagHeader(stored.etag), location } };
    }),
    [stopUpdateRun.operationId]: http.handle(stopUpdateRun, async (call) =>
      runResponse(await changeUpdateRun(deps, call, call.params.runId, { verb: 'abort', membersConcerned: allMembers, transition: stopRun })),
    ),
    [resumeUpdateRun.operationId]: http.handle(resumeUpdateRun, async (call) =>
      runResponse(await changeUpdateRun(deps, call, call.params.runId, { verb: 'create', membersConcerned: allMembers, transition: resumeRun })),
    ),
    [skipInUpdateRun.operationId]: http.handle(skipInUpdateRun, async (call) =>
      runResponse(
        await changeUpdateRun(deps, call, call.params.runId, {
          verb: 'skip',
          membersConcerned: (run) => membersToSkip(run, call.body),
          transition: (run, actor) => skipInRun(run, call.body, actor),
        }),
      ),
    ),
    [approveUpdateRunGate.operationId]: http.handle(approveUpdateRunGate, async (call) =>
      runResponse(
        await changeUpdateRun(deps, call, call.params.runId, {
          verb: 'approve',
          membersConcerned: (run) => membersOfGate(run, call.params.gateId),
          transition: (run, actor) => approveGate(run, call.params.gateId, actor),
        }),
      ),
    ),
  };
}
