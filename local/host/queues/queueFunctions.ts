import type { BindingMetadata, FunctionCallback, Registration } from '../functionsCoreShim';
import { connectionSettingName } from './connectionSettingName';
import { resolveQueueName } from './queueNames';

export interface QueueFunction {
  name: string;
  /** The resolved, lower-cased queue name. */
  queueName: string;
  /** The app setting naming the storage account. */
  connection: string;
  /** The trigger binding as registered, handed to the InvocationContext. */
  trigger: BindingMetadata & { name: string };
  handler: FunctionCallback;
}

/** The `app.storageQueue` registrations (binding type `queueTrigger`), with their queue names resolved. */
export function queueFunctionsOf(
  registrations: Registration[],
  env: Record<string, string | undefined>,
): QueueFunction[] {
  return registrations.flatMap(({ metadata, handler }) => {
    const entry = Object.entries(metadata.bindings).find(([, binding]) => binding.type === 'queueTrigger');
    if (!entry) return [];
    const [bindingName, trigger] = entry;
    if (typeof trigger.queueName !== 'string')
      throw new Error(`Queue function "${metadata.name}" has no queueName.`);
    try {
      return [
        {
          name: metadata.name,
          queueName: resolveQueueName(trigger.queueName, env),
          connection: connectionSettingName(trigger.connection),
          trigger: { ...trigger, name: bindingName },
          handler,
        },
      ];
    } catch (error) {
      throw new Error(`Queue function "${metadata.name}": ${(error as Error).message}`, { cause: error });
    }
  });
}
