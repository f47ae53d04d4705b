import type { TableClient } from '@azure/data-tables';
import type { HttpHandlers, HttpPipeline } from '../../platform/http/handleHttp';
import { guardrailsHttpHandlers } from './guardrails.http';
import { GuardrailsService } from './guardrailsService';
import { GuardrailsStore } from './guardrailsStore';
import { VersionSupportCalendarService } from './versionSupportCalendarService';
import { VersionSupportCalendarStore } from './versionSupportCalendarStore';

export { guardrailsOperations } from './guardrails.api';
export { versionSupportCalendarOperations } from './versionSupportCalendar.api';
export { GuardrailsStore, DEFAULT_GUARDRAILS, type VersionedGuardrails } from './guardrailsStore';
export { VersionSupportCalendarStore, type VersionedSupportCalendar } from './versionSupportCalendarStore';

/** The fleet-wide documents admins edit: guardrails (what a cluster may be) and the version support calendar. */
export interface GuardrailsModule {
  guardrails: GuardrailsStore;
  calendar: VersionSupportCalendarStore;
  http: HttpHandlers;
}

export function buildGuardrails(deps: { guardrailsTable: TableClient; calendarTable: TableClient; http: HttpPipeline }): GuardrailsModule {
  const guardrails = new GuardrailsStore(deps.guardrailsTable);
  const calendar = new VersionSupportCalendarStore(deps.calendarTable);
  return {
    guardrails,
    calendar,
    http: guardrailsHttpHandlers(deps.http, {
      guardrails: new GuardrailsService(guardrails),
      calendar: new VersionSupportCalendarService(calendar),
    }),
  };
}
