/** The contract of GET /v1/taxonomy. */
import { createRoute } from '@hono/zod-openapi';
import { Taxonomy } from '#shared/domain/taxonomy.ts';
import { problemResponse } from '../../problem.ts';

export const taxonomyRoute = createRoute({
  method: 'get',
  path: '/v1/taxonomy',
  summary: "The region's taxonomy",
  description: 'Strategic areas, stages, kinds, support types, focus and municipalities, with Swedish and English labels.',
  responses: {
    200: { content: { 'application/json': { schema: Taxonomy } }, description: 'The taxonomy' },
    500: problemResponse('An unexpected error'),
  },
});
