import { describe, expect, it } from 'vitest';
import { queueServiceFor } from '../../../local/host/queues/queueConnection';

const connectionString =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1';

describe('queue connections', () => {
  it('takes a connection string from the named setting, or from AzureWebJobs<name>', () => {
    expect(queueServiceFor('Orders', { Orders: connectionString }).url).toBe(
      'http://127.0.0.1:10001/devstoreaccount1',
    );
    expect(queueServiceFor('Orders', { AzureWebJobsOrders: connectionString }).accountName).toBe(
      'devstoreaccount1',
    );
  });

  it('builds identity-based access from __queueServiceUri or __accountName', () => {
    expect(
      queueServiceFor('Orders', { Orders__queueServiceUri: 'https://acct.queue.core.windows.net' }).url,
    ).toBe('https://acct.queue.core.windows.net');
    expect(queueServiceFor('Orders', { Orders__accountName: 'fleetacct', Orders__clientId: 'x' }).url).toBe(
      'https://fleetacct.queue.core.windows.net',
    );
  });

  it('names the settings to set when none is there', () => {
    expect(() => queueServiceFor('Orders', {})).toThrow(
      'Queue connection "Orders" is not configured: set Orders to a connection string, or Orders__queueServiceUri / Orders__accountName for identity-based access.',
    );
  });
});
