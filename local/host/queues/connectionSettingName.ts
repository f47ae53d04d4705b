/** A trigger's `connection` names an app setting; empty or absent means AzureWebJobsStorage, as in the host. */
export function connectionSettingName(connection: unknown): string {
  return typeof connection === 'string' && connection ? connection : 'AzureWebJobsStorage';
}
