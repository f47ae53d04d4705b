import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// registry.register() names schemas through .openapi(), which zod 4 schemas only have when they are created after
// this call: import this module before any schema module. (The API document itself needs only zod's .meta().)
extendZodWithOpenApi(z);
