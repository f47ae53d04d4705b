import { app } from '@azure/functions';
import { getGuardrails, putGuardrails } from '../shared/features/guardrails/guardrails.api';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { GuardrailsService } from '../shared/features/guardrails/guardrailsService';
import { guardrailsStore } from '../shared/features/guardrails/guardrailsServices';

const guardrails = () => new GuardrailsService(guardrailsStore());
const etagHeader = (etag: string | undefined): Record<string, string> => (etag ? { etag } : {});

export const getGuardrailsHandler = handleHttp(getGuardrails, async ({ authorize }) => {
  const current = await guardrails().get(authorize);
  return { status: 200, jsonBody: current.guardrails, headers: etagHeader(current.etag) };
});

export const putGuardrailsHandler = handleHttp(putGuardrails, async ({ authorize, body, request }) => {
  const stored = await guardrails().put(authorize, body, request.headers.get('if-match') ?? undefined);
  return { status: 200, jsonBody: stored.guardrails, headers: etagHeader(stored.etag) };
});

app.http(getGuardrails.operationId, { ...httpTriggerOf(getGuardrails), handler: getGuardrailsHandler });
app.http(putGuardrails.operationId, { ...httpTriggerOf(putGuardrails), handler: putGuardrailsHandler });
