import { services } from '../../app';
import { GuardrailsStore } from './guardrailsStore';

let current: GuardrailsStore | undefined;

/** The guardrails store, built once per process over the shared storage account. */
export function guardrailsStore(): GuardrailsStore {
  if (!current) {
    const { settings, storage } = services();
    current = new GuardrailsStore(storage.tableClient(`${settings.FLEETPLANE_TABLE_PREFIX}guardrails`));
  }
  return current;
}
