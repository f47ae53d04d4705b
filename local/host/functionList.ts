import type { Registration } from './functionsCoreShim';
import { connectionSettingName } from './queues/connectionSettingName';

export interface FunctionSummary {
  name: string;
  trigger: string;
  route?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  runOnStartup?: boolean;
  useMonitor?: boolean;
  queueName?: string;
  connection?: string;
}

/** The metadata the Functions host receives, reduced to what a reader checks. */
export function summarize(registrations: Registration[], routePrefix: string): FunctionSummary[] {
  return registrations
    .map(({ metadata }) => {
      const trigger = Object.values(metadata.bindings).find((b) => b.direction === 'in' && b.type.endsWith('Trigger'));
      const summary: FunctionSummary = { name: metadata.name, trigger: trigger?.type ?? 'unknown' };
      if (trigger?.type === 'httpTrigger') {
        summary.route = `/${[routePrefix, typeof trigger.route === 'string' ? trigger.route : metadata.name].filter(Boolean).join('/')}`;
        summary.methods = Array.isArray(trigger.methods) ? trigger.methods.map(String) : ['GET', 'POST'];
        summary.authLevel = typeof trigger.authLevel === 'string' ? trigger.authLevel : 'anonymous';
      }
      if (trigger?.type === 'timerTrigger') {
        summary.schedule = String(trigger.schedule);
        summary.runOnStartup = trigger.runOnStartup === true;
        summary.useMonitor = trigger.useMonitor !== false;
      }
      if (trigger?.type === 'queueTrigger') {
        summary.queueName = String(trigger.queueName);
        summary.connection = connectionSettingName(trigger.connection);
      }
      return summary;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function formatFunctionTable(functions: FunctionSummary[]): string {
  return functions
    .map((f) => {
      switch (f.trigger) {
        case 'httpTrigger':
          return `${f.name}: [${f.methods?.join(',')}] ${f.route} (auth: ${f.authLevel})`;
        case 'timerTrigger':
          return `${f.name}: timer "${f.schedule}"${f.runOnStartup ? ' runOnStartup' : ''}`;
        case 'queueTrigger':
          return `${f.name}: queue "${f.queueName}" (connection: ${f.connection})`;
        default:
          return `${f.name}: ${f.trigger}`;
      }
    })
    .join('\n');
}
