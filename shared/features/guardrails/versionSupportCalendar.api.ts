import { versionSupportCalendarSchema } from '../../domain/fleet/versionSupportCalendar';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';

export const getVersionSupportCalendar = defineOperation({
  operationId: 'getVersionSupportCalendar',
  method: 'GET',
  route: 'versionSupportCalendar',
  summary: 'End-of-support dates per Kubernetes minor, used by the inventory\'s version radar (empty until an admin sets them).',
  tags: ['inventory'],
  authenticated: true,
  responses: {
    200: { description: 'The calendar', schema: versionSupportCalendarSchema, headers: { ETag: 'Version for If-Match' } },
    ...authenticatedProblems,
  },
});

export const putVersionSupportCalendar = defineOperation({
  operationId: 'putVersionSupportCalendar',
  method: 'PUT',
  route: 'versionSupportCalendar',
  summary: 'Replace the version support calendar (Admin at tenant scope). If-Match. The next inventory sync uses it.',
  tags: ['inventory'],
  authenticated: true,
  request: { body: versionSupportCalendarSchema },
  responses: {
    200: { description: 'Stored', schema: versionSupportCalendarSchema, headers: { ETag: 'New version' } },
    412: { description: 'Stale If-Match', schema: problemSchema },
    ...authenticatedProblems,
  },
});

/** The operations of this API area, in the order the API lists them. */
export const versionSupportCalendarOperations: ApiOperation[] = [getVersionSupportCalendar, putVersionSupportCalendar];
