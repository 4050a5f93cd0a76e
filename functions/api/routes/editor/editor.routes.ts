/** The contracts of the editor workflow: list, create, read, replace, publish, unpublish, archive, verify, offer availability, history. */
import { createRoute, z } from '@hono/zod-openapi';
import { AuditRecord } from '#shared/domain/audit.ts';
import { Entry, EntryId, OfferAvailability } from '#shared/domain/entry.ts';
import { EntryInput } from '#shared/domain/entry-input.ts';
import { Principal } from '#shared/domain/identity.ts';
import { IsoDate } from '#shared/domain/text.ts';
import { problemResponse } from '../../problem.ts';

const IdParam = z.object({ id: EntryId.meta({ description: 'The entry id', example: 'inkubera' }) });
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'The entry version you edited, as the ETag you read ("3").', example: '"3"' }),
});
const entryResponse = (description: string) => ({
  content: { 'application/json': { schema: Entry } },
  headers: z.object({ ETag: z.string() }),
  description,
});
const denied = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Your role or organisation may not do this'),
};
const guarded = {
  ...denied,
  400: problemResponse('The request is invalid; `errors` names the fields'),
  404: problemResponse('No entry has this id'),
  412: problemResponse('Someone else changed the entry since the version in If-Match; nothing was saved'),
  428: problemResponse('If-Match is missing'),
};
const tags = ['editor'];

export const meRoute = createRoute({
  method: 'get', path: '/v1/me', tags, summary: 'Who you are signed in as',
  responses: { 200: { content: { 'application/json': { schema: Principal } }, description: 'The signed-in principal' }, 401: problemResponse('Not signed in') },
});

export const listEditableRoute = createRoute({
  method: 'get', path: '/v1/editor/entries', tags, summary: 'Entries you may edit, drafts included',
  responses: { 200: { content: { 'application/json': { schema: z.object({ entries: z.array(Entry) }) } }, description: 'Your entries' }, ...denied },
});

export const createEntryRoute = createRoute({
  method: 'post', path: '/v1/editor/entries', tags, summary: 'Create a draft entry',
  request: { body: { content: { 'application/json': { schema: EntryInput } }, required: true } },
  responses: { 201: entryResponse('The new draft'), 400: problemResponse('The entry is invalid; `errors` names the fields'), 409: problemResponse('The id is taken'), ...denied },
});

export const getEditableRoute = createRoute({
  method: 'get', path: '/v1/editor/entries/{id}', tags, summary: 'Read an entry you may edit, in any status',
  request: { params: IdParam },
  responses: { 200: entryResponse('The entry'), ...denied, 404: problemResponse('No entry has this id') },
});

export const updateEntryRoute = createRoute({
  method: 'put', path: '/v1/editor/entries/{id}', tags, summary: 'Replace the editable fields of an entry',
  request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: EntryInput } }, required: true } },
  responses: { 200: entryResponse('The updated entry'), ...guarded },
});

const transitionRoute = (action: 'publish' | 'unpublish' | 'archive' | 'verify', summary: string) =>
  createRoute({
    method: 'post', path: `/v1/editor/entries/{id}/${action}`, tags, summary,
    request: { params: IdParam, headers: IfMatch },
    responses: { 200: entryResponse('The entry after the change'), ...guarded },
  });

export const publishRoute = transitionRoute('publish', 'Publish an entry: it becomes searchable within its validity window');
export const unpublishRoute = transitionRoute('unpublish', 'Take an entry back to draft');
export const archiveRoute = transitionRoute('archive', 'Archive an entry');
export const verifyRoute = transitionRoute('verify', 'Record that the entry was checked and is correct today');

export const AvailabilityBody = z.strictObject({
  status: OfferAvailability.meta({ description: 'available, reserved or taken', example: 'reserved' }),
  availableFrom: IsoDate.optional().meta({ description: 'From which date the offer is (again) available', example: '2026-09-01' }),
  reservedUntil: IsoDate.optional().meta({ description: 'With `reserved`: the last day the reservation holds; after today (Europe/Stockholm)', example: '2026-12-31' }),
});

export const availabilityRoute = createRoute({
  method: 'post', path: '/v1/editor/entries/{id}/availability', tags, summary: 'Reserve, release or mark taken an establishment offer',
  request: { params: IdParam, headers: IfMatch, body: { content: { 'application/json': { schema: AvailabilityBody } }, required: true } },
  responses: { 200: entryResponse('The offer after the change'), ...guarded, 422: problemResponse('The entry is not an establishment offer') },
});

export const historyRoute = createRoute({
  method: 'get', path: '/v1/editor/entries/{id}/history', tags, summary: 'The audit trail of an entry, newest first',
  request: { params: IdParam },
  responses: { 200: { content: { 'application/json': { schema: z.object({ records: z.array(AuditRecord) }) } }, description: 'The audit trail' }, ...denied, 404: problemResponse('No entry has this id') },
});

export const verificationQueueRoute = createRoute({
  method: 'get', path: '/v1/editor/verification-queue', tags, summary: 'Entries due for verification, oldest first',
  responses: { 200: { content: { 'application/json': { schema: z.object({ freshnessDays: z.number().int(), entries: z.array(Entry) }) } }, description: 'Entries not verified within the freshness period' }, ...denied },
});
