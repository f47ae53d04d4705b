/** A side effect the engine performs after the decision is written: submit one member step through the operation runner. */
export interface SubmitStep {
  kind: 'submitStep';
  clusterId: string;
  stepIndex: number;
  /** Chosen before the write: the runner creates its record under this id, so a repeated submission is refused. */
  operationId: string;
}

export type RunAction = SubmitStep;
