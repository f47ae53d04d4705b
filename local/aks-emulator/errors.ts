/** An error that the HTTP layer renders as the ARM envelope `{"error":{"code","message","target?"}}`. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }

  toBody(): { error: { code: string; message: string; target?: string } } {
    return {
      error: { code: this.code, message: this.message, ...(this.target === undefined ? {} : { target: this.target }) },
    };
  }
}

export const badRequest = (code: string, message: string, target?: string): ArmError =>
  new ArmError(400, code, message, target);

export const invalidParameter = (parameter: string, detail?: string): ArmError =>
  new ArmError(
    400,
    'InvalidParameter',
    `The value of parameter ${parameter} is invalid.${detail === undefined ? '' : ` ${detail}`} Please see https://aka.ms/aks-naming-rules for more details.`,
    parameter,
  );

export const clusterNotFound = (resourceGroup: string, name: string): ArmError =>
  new ArmError(
    404,
    'ResourceNotFound',
    `The Resource 'Microsoft.ContainerService/managedClusters/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );

export const subResourceNotFound = (kind: string, name: string, clusterName: string): ArmError =>
  new ArmError(404, 'NotFound', `${kind} '${name}' was not found in managed cluster '${clusterName}'.`);

export const operationInProgress = (operationName: string, operationId: string, startTime: string): ArmError =>
  new ArmError(
    409,
    'OperationNotAllowed',
    `Operation is not allowed because there's an in progress ${operationName} operation (operation ID: ${operationId}) on the managed cluster started on UTC ${startTime}. Please wait for it to finish before starting a new operation. You can also use 'az aks operation-abort ...' to abort the ongoing operation.`,
  );

export const operationNotAllowed = (message: string, status = 400): ArmError =>
  new ArmError(status, 'OperationNotAllowed', message);
