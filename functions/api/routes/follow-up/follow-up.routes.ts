/** The contracts of the follow-up API: the board report's figures and the coverage matrix (follow-up staff and admins). */
import { createRoute, z } from '@hono/zod-openapi';
import { DECLINE_REASONS } from '#shared/domain/referral.ts';
import { problemResponse } from '../../problem.ts';

const tags = ['Follow-up'];
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date such as 2026-01-31');
const count = z.int().nullable().openapi({ description: 'A count; `null` when below 5 (suppressed).' });
const counts = z.record(z.string(), count);

export const followUpReportRoute = createRoute({
  method: 'get',
  path: '/v1/follow-up/report',
  tags,
  summary: "The board report's figures for a period",
  description:
    'Key figures, the coverage matrix (areas × stages, by kind and support type, gaps and possible overlaps), breadth/spearhead, profile areas, green transition, ' +
    'the unmet-need list, referral flows and outcomes (declines by reason category) with the leadership split. Every count of people’s actions below 5 is `null` (suppressed) or left out. No personal data.',
  request: {
    query: z.strictObject({
      from: IsoDay.optional().openapi({ description: 'First day of the period (default: 29 days before `to`).' }),
      to: IsoDay.optional().openapi({ description: 'Last day of the period (default: today).' }),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            generatedAt: z.string(),
            suppressionThreshold: z.int(),
            keyFigures: z.object({
              publishedEntries: z.int(),
              gaps: z.int(),
              possibleOverlaps: z.int(),
              verifiedShare: z.number().nullable(),
              searches: count,
              unmetSearches: count,
              referrals: count,
              overdueReferrals: count,
              medianHoursToFirstAnswer: z.number().nullable(),
            }),
            coverage: z.object({
              cells: z.array(z.object({ area: z.string(), stage: z.string(), total: z.int(), byKind: z.record(z.string(), z.int()), bySupportType: z.record(z.string(), z.int()), overlaps: z.array(z.string()) })),
              gaps: z.array(z.object({ area: z.string(), stage: z.string() })),
              focus: z.object({ breadth: z.int(), spearhead: z.int() }),
              profileAreas: z.record(z.string(), z.int()),
              green: z.int(),
            }),
            demand: z.object({
              topSearches: z.array(z.object({ value: z.string(), count: z.int() })),
              unmet: z.array(z.object({ value: z.string(), count: z.int(), outcome: z.enum(['no-results', 'few-results']) })),
            }),
            referrals: z.object({
              total: count,
              byOutcome: counts,
              declined: z.object({ redirected: count, notRedirected: count }),
              declinedByReason: counts.openapi({
                description: `Declined referrals by reason category (${DECLINE_REASONS.join(', ')}; not-stated for declines recorded before categories were kept).`,
              }),
              flows: z.array(z.object({ from: z.string(), to: z.string(), count: z.int() })),
              byArea: counts,
              byStage: counts,
              byMunicipality: counts,
              byMonth: counts,
              byLeadership: counts,
              answeredInTime: count,
              answered: count,
              overdue: count,
            }),
          }),
        },
      },
      description: 'The figures',
    },
    400: problemResponse('The period is not valid'),
    401: problemResponse('Not signed in'),
    403: problemResponse('Not follow-up staff or admin'),
    500: problemResponse('An unexpected error'),
  },
});
