import { app } from '@azure/functions';
import { getVersionSupportCalendar, putVersionSupportCalendar } from '../shared/features/guardrails/versionSupportCalendar.api';
import { handleHttp, httpTriggerOf } from '../shared/platform/http/handleHttp';
import { VersionSupportCalendarService } from '../shared/features/guardrails/versionSupportCalendarService';
import { versionSupportCalendarStore } from '../shared/features/guardrails/versionSupportCalendarServices';

const calendars = () => new VersionSupportCalendarService(versionSupportCalendarStore());
const etagHeader = (etag: string | undefined): Record<string, string> => (etag ? { etag } : {});

export const getVersionSupportCalendarHandler = handleHttp(getVersionSupportCalendar, async ({ authorize }) => {
  const current = await calendars().get(authorize);
  return { status: 200, jsonBody: current.calendar, headers: etagHeader(current.etag) };
});

export const putVersionSupportCalendarHandler = handleHttp(putVersionSupportCalendar, async ({ authorize, body, request }) => {
  const stored = await calendars().put(authorize, body, request.headers.get('if-match') ?? undefined);
  return { status: 200, jsonBody: stored.calendar, headers: etagHeader(stored.etag) };
});

app.http(getVersionSupportCalendar.operationId, {
  ...httpTriggerOf(getVersionSupportCalendar),
  handler: getVersionSupportCalendarHandler,
});
app.http(putVersionSupportCalendar.operationId, {
  ...httpTriggerOf(putVersionSupportCalendar),
  handler: putVersionSupportCalendarHandler,
});
