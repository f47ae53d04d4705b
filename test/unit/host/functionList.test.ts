import { describe, expect, it } from 'vitest';
import { formatFunctionTable, summarize } from '../../../local/host/functionList';
import type { Registration } from '../../../local/host/functionsCoreShim';

const queueRegistration = (name: string, queueName: string, connection: string): Registration => ({
  metadata: {
    name,
    bindings: {
      queueTrigger1: { type: 'queueTrigger', direction: 'in', name: 'queueTrigger1', queueName, connection },
    },
  },
  handler: () => undefined,
});

describe('the function list', () => {
  it('shows queue functions with their queue and connection setting (empty means AzureWebJobsStorage)', () => {
    const summaries = summarize(
      [
        queueRegistration('resize', 'pool-resizes', ''),
        queueRegistration('audit', '%AUDIT_QUEUE%', 'AuditStorage'),
      ],
      'api',
    );
    expect(summaries).toEqual([
      { name: 'audit', trigger: 'queueTrigger', queueName: '%AUDIT_QUEUE%', connection: 'AuditStorage' },
      {
        name: 'resize',
        trigger: 'queueTrigger',
        queueName: 'pool-resizes',
        connection: 'AzureWebJobsStorage',
      },
    ]);
    expect(formatFunctionTable(summaries)).toBe(
      'audit: queue "%AUDIT_QUEUE%" (connection: AuditStorage)\nresize: queue "pool-resizes" (connection: AzureWebJobsStorage)',
    );
  });
});
