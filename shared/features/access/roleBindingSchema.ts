import { z } from 'zod';
import { ROLES } from '../../domain/access/roles';
import { isGuid, tryParseScope } from '../../domain/access/scope';

const SUBJECT_KINDS = ['user', 'group', 'servicePrincipal', 'appRole'] as const;
const APP_ROLE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/** Names the unknown fields, or says what the object should be. */
function objectError(field: string, expected: string) {
  return (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys !== undefined
      ? `${field} has unknown field(s): ${issue.keys.join(', ')}`
      : `${field} must be ${expected}`;
}

/** Path id of a binding: safe as a Table row key and in a URL segment. */
export const roleBindingIdSchema = z
  .string({ error: 'id must be a string' })
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    error: 'id must be 1-64 letters, digits, "-" or "_", starting with a letter or digit',
  });

const subjectSchema = z
  .strictObject(
    {
      kind: z.enum(SUBJECT_KINDS, { error: `subject.kind must be one of ${SUBJECT_KINDS.join(', ')}` }),
      id: z.string({ error: 'subject.id must be a string' }).max(120, { error: 'subject.id must be at most 120 characters' }),
      tenantId: z
        .string({ error: 'subject.tenantId must be a string' })
        .max(36, { error: 'subject.tenantId must be a tenant GUID' })
        .refine(isGuid, { error: 'subject.tenantId must be a tenant GUID' })
        .transform((tenantId) => tenantId.toLowerCase())
        .optional(),
    },
    { error: objectError('subject', 'an object with kind and id (and optionally tenantId)') },
  )
  .superRefine((subject, context) => {
    const valid = subject.kind === 'appRole' ? APP_ROLE_VALUE.test(subject.id) : isGuid(subject.id);
    if (!valid) {
      context.addIssue({
        code: 'custom',
        path: ['id'],
        message:
          subject.kind === 'appRole'
            ? 'subject.id must be an app role value such as Fleet.Operator'
            : `subject.id must be the object id (GUID) of the ${subject.kind}`,
      });
    }
  })
  .transform((subject) =>
    subject.kind === 'appRole' ? subject : { ...subject, id: subject.id.toLowerCase() },
  );

/** Body of `PUT /api/roleBindings/{id}`. The scope is returned in canonical form. */
export const roleBindingRequestSchema = z.strictObject(
  {
    subject: subjectSchema,
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    scope: z.string({ error: 'scope must be a string' }).max(1024, { error: 'scope must be at most 1024 characters' }).transform((scope, context) => {
      const parsed = tryParseScope(scope);
      if (parsed.ok) return parsed.scope.id;
      context.addIssue({
        code: 'custom',
        message: `scope is invalid (${parsed.error.problem}): ${parsed.error.message}`,
      });
      return z.NEVER;
    }),
  },
  { error: objectError('body', 'an object with subject, role and scope') },
);

export type RoleBindingRequest = z.output<typeof roleBindingRequestSchema>;

/** A binding as stored and returned: ids already canonical (lower-case GUIDs, canonical scope). */
export const roleBindingRecordSchema = z.object({
  id: z.string(),
  subject: z.object({
    kind: z.enum(SUBJECT_KINDS),
    id: z.string(),
    tenantId: z.string().optional(),
  }),
  role: z.enum(ROLES),
  scope: z.string(),
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
});
