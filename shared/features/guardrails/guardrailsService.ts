import type { Guardrails } from '../../domain/fleet/guardrailsSchema';
import type { Authorize } from '../../platform/http/requestContext';
import type { GuardrailsStore, VersionedGuardrails } from './guardrailsStore';

/** Guardrails are fleet-wide, so they are read and changed at tenant scope. */
export const GUARDRAILS_SCOPE = 'tenant';

export class GuardrailsService {
  constructor(private readonly store: GuardrailsStore) {}

  async get(authorize: Authorize): Promise<VersionedGuardrails> {
    await authorize('guardrails', 'get', GUARDRAILS_SCOPE);
    return this.store.get();
  }

  async put(authorize: Authorize, guardrails: Guardrails, ifMatch: string | undefined): Promise<VersionedGuardrails> {
    await authorize('guardrails', 'update', GUARDRAILS_SCOPE);
    return this.store.put(guardrails, ifMatch);
  }
}
