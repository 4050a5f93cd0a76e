/** The contract of GET /v1/entries/{id}. */
import { createRoute, z } from '@hono/zod-openapi';
import { Entry, EntryId } from '#shared/domain/entry.ts';
import { problemResponse } from '../../problem.ts';

export const getEntryRoute = createRoute({
  method: 'get',
  path: '/v1/entries/{id}',
  summary: 'Read one published entry',
  request: {
    params: z.object({ id: EntryId.meta({ description: 'The entry id, a slug', example: 'almi-foretagspartner-malardalen' }) }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: Entry } },
      headers: z.object({ ETag: z.string().openapi({ description: 'The entry version' }) }),
      description: 'The entry',
    },
    400: problemResponse('The id is not a valid entry id'),
    404: problemResponse('No published entry has this id'),
    500: problemResponse('An unexpected error'),
  },
});
