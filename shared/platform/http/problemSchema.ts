import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    correlationId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
      .optional()
      .describe('Every problem found, each naming the field it concerns.'),
  })
  .describe('RFC 9457 problem details');

/** The error answers every authenticated operation can give. */
export const authenticatedProblems = {
  400: { description: 'Invalid request: every problem with its field path', schema: problemSchema },
  401: { description: 'Not authenticated', schema: problemSchema },
  403: { description: 'Not allowed', schema: problemSchema },
};
