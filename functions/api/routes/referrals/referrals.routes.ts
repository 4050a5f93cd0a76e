/** The contracts of referrals: refer a company, list and read your referrals, move them on, and the follow-up statistics. */
import { createRoute, z } from '@hono/zod-openapi';
import { EntryId } from '#shared/domain/entry.ts';
import { DECLINE_REASONS, ReferralId, ReferralInput, ReferralStats, ReferralSummary, ReferralView } from '#shared/domain/referral.ts';
import type { ReferralAction } from '#shared/domain/referral-lifecycle.ts';
import { problemResponse } from '../../problem.ts';

const tags = ['referrals'];
const IdParam = z.object({ id: ReferralId.meta({ description: 'The referral id', example: 'ref_abcdefghijklmnopqrst' }) });
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'The referral version you read, as its ETag ("2").', example: '"2"' }),
});
const referralResponse = (description: string) => ({
  content: { 'application/json': { schema: ReferralView } },
  headers: z.object({ ETag: z.string(), 'Cache-Control': z.string() }),
  description,
});
const denied = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Your role may not do this'),
};
const guarded = {
  ...denied,
  400: problemResponse('The request is invalid; `errors` names the fields'),
  404: problemResponse('No referral with this id is yours to see'),
  409: problemResponse('The referral is in a status that does not allow this'),
  412: problemResponse('The referral changed since the version in If-Match; nothing was saved'),
  428: problemResponse('If-Match is missing'),
};

export const createReferralRoute = createRoute({
  method: 'post', path: '/v1/referrals', tags,
  summary: 'Refer a company to the organisation behind an entry (the company asked to be referred and was informed about data handling)',
  request: {
    headers: z.object({
      'idempotency-key': z.string().trim().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable characters without spaces').optional()
        .openapi({ description: 'Any unique string; a retry with the same key and body answers the referral already created.' }),
    }),
    body: { content: { 'application/json': { schema: ReferralInput } }, required: true },
  },
  responses: {
    201: referralResponse('The new referral'),
    200: referralResponse('The referral this Idempotency-Key already created'),
    400: problemResponse('The referral is invalid; `errors` names the fields, and nothing was stored'),
    422: problemResponse('The Idempotency-Key was used for a different request'),
    ...denied,
  },
});

export const listReferralsRoute = createRoute({
  method: 'get', path: '/v1/referrals', tags, summary: 'Referrals you sent, and those sent to your organisation; newest first',
  request: { query: z.object({ box: z.enum(['sent', 'inbox']).optional().openapi({ description: '`sent`: sent by you; `inbox`: sent to your organisation; both when left out' }) }) },
  responses: {
    200: { content: { 'application/json': { schema: z.object({ answerWorkingDays: z.int(), referrals: z.array(ReferralSummary) }) } }, description: 'Your referrals, organisation numbers masked' },
    400: problemResponse('The query is invalid'),
    ...denied,
  },
});

export const getReferralRoute = createRoute({
  method: 'get', path: '/v1/referrals/{id}', tags, summary: 'Read a referral you sent or your organisation received',
  request: { params: IdParam },
  responses: { 200: referralResponse('The referral'), 400: problemResponse('The id is invalid'), 404: problemResponse('No referral with this id is yours to see'), ...denied },
});

export const NoteBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const DeclineBody = z.strictObject({
  reasonCategory: z.enum(DECLINE_REASONS).openapi({
    description:
      'Why the organisation declines, counted in follow-up: outside-offer (outside what it offers), no-capacity, not-ready (the company is not ready for it yet), better-elsewhere (another actor serves the company better), company-withdrew (withdrew or could not be reached), other (say why in `reason`)',
  }),
  reason: z.string().trim().min(1).max(2000).optional().openapi({ description: 'The reason in words, shown to the referrer; required when reasonCategory is `other`' }),
  redirectTo: EntryId.optional().openapi({
    description: 'A better actor or offering for the company: recorded as a suggestion to the referrer (the company\'s data stays here), or, with `forward`, a linked new referral there',
  }),
  forward: z.boolean().optional().openapi({ description: 'Pass the referral on to `redirectTo` directly; only when the company\'s confirmation covered forwarding (`consent.forwardingAllowed`), else 400' }),
});

const SUMMARIES: Record<ReferralAction, string> = {
  accept: 'Accept a referral sent to your organisation',
  start: 'Record that work with the company has started',
  complete: 'Record that the referral is completed',
  decline: 'Decline a referral, with a reason category (and words), optionally suggesting a better organisation (or forwarding to it, when the company agreed)',
  cancel: 'Cancel a referral you sent',
};

const actionRoute = (action: Exclude<ReferralAction, 'decline'>) =>
  createRoute({
    method: 'post', path: `/v1/referrals/{id}/${action}`, tags, summary: SUMMARIES[action],
    request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: NoteBody } }, required: false } },
    responses: { 200: referralResponse('The referral after the change'), ...guarded },
  });

export const acceptRoute = actionRoute('accept');
export const startRoute = actionRoute('start');
export const completeRoute = actionRoute('complete');
export const cancelRoute = actionRoute('cancel');
export const declineRoute = createRoute({
  method: 'post', path: '/v1/referrals/{id}/decline', tags, summary: SUMMARIES.decline,
  request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: DeclineBody } }, required: true } },
  responses: {
    200: {
      content: { 'application/json': { schema: ReferralView.extend({ redirected: ReferralView.optional() }) } },
      headers: z.object({ ETag: z.string(), 'Cache-Control': z.string() }),
      description: 'The declined referral, and the linked new referral when forwarded',
    },
    ...guarded,
  },
});

export const referralStatsRoute = createRoute({
  method: 'get', path: '/v1/stats/referrals', tags, summary: 'Follow-up statistics of referrals: counts and answer times, no personal data',
  responses: { 200: { content: { 'application/json': { schema: ReferralStats } }, description: 'The statistics' }, ...denied },
});
