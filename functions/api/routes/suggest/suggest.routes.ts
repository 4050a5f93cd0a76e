/** The contract of GET /v1/suggest: entry names for search-as-you-type. */
import { createRoute, z } from '@hono/zod-openapi';
import { MAX_SUGGESTIONS, Suggestion } from '#shared/domain/search.ts';
import { Language } from '#shared/domain/text.ts';
import { problemResponse } from '../../problem.ts';

export const SuggestParams = z.strictObject({
  q: z.string().trim().min(1).max(100).openapi({ description: 'What the visitor has typed so far.', example: 'inku' }),
  limit: z.coerce.number().int().min(1).max(MAX_SUGGESTIONS).optional().openapi({ description: `At most this many, 1–${MAX_SUGGESTIONS}.` }),
  lang: Language.optional().openapi({ description: 'Language of the names; sv by default.' }),
});

export const SuggestResponse = z.object({ suggestions: z.array(Suggestion) }).openapi('Suggestions');

export const suggestRoute = createRoute({
  method: 'get',
  path: '/v1/suggest',
  summary: 'Suggest entry names while typing',
  request: { query: SuggestParams },
  responses: {
    200: { content: { 'application/json': { schema: SuggestResponse } }, description: 'Names of visible entries, best first' },
    400: problemResponse('A parameter is invalid; `errors` names it'),
    500: problemResponse('An unexpected error'),
  },
});
