import { describe, expect, it } from 'vitest';
import { fleetSubscriptions, parseSettings, SettingsError } from '../../../shared/platform/settings/settings';

const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
const sub1 = '11111111-1111-1111-1111-111111111111';
const sub2 = '22222222-2222-2222-2222-222222222222';
const webhookKey = `k1:${Buffer.alloc(32, 9).toString('base64')}`;
const auth = { FLEETPLANE_AUTH_TRUSTED_TENANTS: sub1, FLEETPLANE_AUTH_AUDIENCES: 'api://fleetplane', FLEETPLANE_WEBHOOK_SECRET_KEY: webhookKey };

describe('settings', () => {
  it('applies defaults', () => {
    const settings = parseSettings({ ...base, ...auth });
    expect(settings.FLEETPLANE_MODE).toBe('azure');
    expect(settings.FLEETPLANE_ARM_ENDPOINT).toBe('https://management.azure.com');
    expect(settings.FLEETPLANE_ARM_CREDENTIAL).toBe('default');
    expect(settings.FLEETPLANE_METRICS_ENDPOINT).toBe('https://{region}.metrics.monitor.azure.com');
  });

  it('accepts identity-based storage settings instead of a connection string', () => {
    expect(() => parseSettings({ AzureWebJobsStorage__accountName: 'fleetplanestore', ...auth })).not.toThrow();
  });

  it.each([
    [{}, 'Invalid setting AzureWebJobsStorage: is required'],
    [{ ...base, FLEETPLANE_MODE: 'cloud' }, 'Invalid setting FLEETPLANE_MODE:'],
    [{ ...base, FLEETPLANE_ARM_ENDPOINT: 'http://127.0.0.1:8443' }, 'Invalid setting FLEETPLANE_ARM_ENDPOINT: must be an https URL'],
    [{ ...base, FLEETPLANE_SUBSCRIPTION_IDS: `${sub1},nope` }, 'Invalid setting FLEETPLANE_SUBSCRIPTION_IDS: must be a GUID'],
    [{ ...base, FLEETPLANE_TABLE_PREFIX: '9abc' }, 'Invalid setting FLEETPLANE_TABLE_PREFIX: must start with a letter'],
    [{ ...base, ...auth, FLEETPLANE_ARM_CREDENTIAL: 'emulator' }, 'Invalid setting FLEETPLANE_ARM_CREDENTIAL: may be "emulator" only when'],
    [{ ...base, FLEETPLANE_HEALTH_TIMEOUT_MS: '5' }, 'Invalid setting FLEETPLANE_HEALTH_TIMEOUT_MS:'],
    [{ ...base, ...auth, FLEETPLANE_ARM_CALL_DEADLINE_MS: '500000' }, 'Invalid setting FLEETPLANE_ARM_CALL_DEADLINE_MS:'],
    [{ ...base, ...auth, FLEETPLANE_SUBMISSION_GRACE_MS: '20000' }, 'Invalid setting FLEETPLANE_SUBMISSION_GRACE_MS: must be longer than the ARM deadlines'],
    [{ ...base, ...auth, FLEETPLANE_METRICS_ENDPOINT: 'https://eastus.metrics.monitor.azure.com' }, 'Invalid setting FLEETPLANE_METRICS_ENDPOINT: must contain {region}'],
    [{ ...base, ...auth, FLEETPLANE_METRICS_ENDPOINT: 'http://127.0.0.1:8443/regions/{region}' }, 'Invalid setting FLEETPLANE_METRICS_ENDPOINT: must be an https URL'],
    [{ ...base }, 'Invalid setting FLEETPLANE_AUTH_TRUSTED_TENANTS: is required in azure mode'],
    [{ ...base, ...auth, FLEETPLANE_DEV_ISSUER: `http://127.0.0.1:7080/${sub1}/v2.0` }, 'Invalid setting FLEETPLANE_DEV_ISSUER: is trusted only when FLEETPLANE_MODE=local'],
    [{ ...base, FLEETPLANE_MODE: 'local', FLEETPLANE_DEV_ISSUER: `http://10.0.0.1:7080/${sub1}/v2.0` }, 'Invalid setting FLEETPLANE_DEV_ISSUER: must be an http URL on loopback'],
    [{ ...base, ...auth, FLEETPLANE_BOOTSTRAP_OWNERS: 'user:not-a-guid' }, 'Invalid setting FLEETPLANE_BOOTSTRAP_OWNERS:'],
    [{ ...base, ...auth, FLEETPLANE_WEBHOOK_SECRET_KEY: undefined }, 'Invalid setting FLEETPLANE_WEBHOOK_SECRET_KEY: is required in azure mode'],
    [{ ...base, ...auth, FLEETPLANE_WEBHOOK_SECRET_KEY: `k1:${Buffer.alloc(16).toString('base64')}` }, 'Invalid setting FLEETPLANE_WEBHOOK_SECRET_KEY: must hold a 32-byte key'],
    [{ ...base, ...auth, FLEETPLANE_WEBHOOK_SECRET_PREVIOUS_KEYS: `${webhookKey},bad key` }, 'Invalid setting FLEETPLANE_WEBHOOK_SECRET_PREVIOUS_KEYS: must be "keyId:base64key"'],
    [{ ...base, ...auth, FLEETPLANE_WEBHOOKS_INBOUND_DEDUPE_HOURS: '24' }, 'Invalid setting FLEETPLANE_WEBHOOKS_INBOUND_DEDUPE_HOURS:'],
  ])('rejects %j with one line naming the setting', (env, message) => {
    expect(() => parseSettings(env)).toThrow(SettingsError);
    expect(() => parseSettings(env)).toThrow(message);
    try {
      parseSettings(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('collects fleet subscriptions without duplicates, case-insensitively', () => {
    const settings = parseSettings({
      ...base,
      ...auth,
      AZURE_SUBSCRIPTION_ID: sub1.toUpperCase(),
      FLEETPLANE_SUBSCRIPTION_IDS: `${sub1}, ${sub2}`,
    });
    expect(fleetSubscriptions(settings)).toEqual([sub1, sub2]);
  });
});
