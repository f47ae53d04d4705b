/** A finished run command as `GET …/commandResults/{id}` returns it. */
export interface StoredCommandResult {
  id: string;
  clusterKey: string;
  exitCode: number;
  logs: string;
  startedAt: string;
  finishedAt: string;
}

export function renderCommandResult(result: StoredCommandResult): Record<string, unknown> {
  return {
    id: result.id,
    properties: { provisioningState: 'Succeeded', exitCode: result.exitCode, startedAt: result.startedAt, finishedAt: result.finishedAt, logs: result.logs },
  };
}
