/**
 * The staff pages for establishment offers (/editor/offers/…): the editor's form handlers scoped to
 * offers, and the availability buttons (reserve, make available, mark taken) through the editor
 * service's setAvailability, with the version the page was read at.
 */
import type { Context } from 'hono';
import { EntryId, OFFER_AVAILABILITIES, type OfferAvailability } from '#shared/domain/entry.ts';
import { PreconditionFailedError, ValidationError } from '#shared/domain/errors.ts';
import { principalOf } from '../../request.ts';
import type { AppDeps, AppEnv } from '../../env.ts';
import { editorPageHandlers, formPage, messagesOf, postedVersion, unknownFieldsPage } from '../editor/editor.handlers.tsx';
import { postedForm } from '../form-values.ts';
import { editorHref } from '../editor/editor-urls.ts';
import { entryToForm } from '../editor/entry-form.ts';
import { errorPage, notFoundPage } from '../errors.tsx';

export const OFFER_EDITOR_BASE = '/editor/offers';

const isAvailability = (value: string | undefined): value is OfferAvailability => (OFFER_AVAILABILITIES as readonly string[]).includes(value ?? '');

export const offerEditorHandlers = (deps: AppDeps) => {
  const editor = editorPageHandlers(deps, { base: OFFER_EDITOR_BASE, kind: 'establishment-offer' });
  return {
    newOffer: editor.newEntry,
    create: editor.create,
    edit: editor.edit,
    save: editor.save,
    transition: editor.transition,

    availability: async (c: Context<AppEnv>) => {
      const { t } = messagesOf(c);
      const id = EntryId.safeParse(c.req.param('id'));
      if (!id.success) return notFoundPage(c, t, t.errors.entryNotFoundLead);
      const entry = await deps.editor.get(principalOf(c), id.data);
      if (entry.kind !== 'establishment-offer') return notFoundPage(c, t, t.errors.entryNotFoundLead);
      const values = await postedForm(c);
      const unknown = Object.keys(values).filter((name) => !['_csrf', 'version', 'status', 'availableFrom', 'reservedUntil'].includes(name));
      if (unknown.length > 0) return unknownFieldsPage(c, t, unknown);
      const version = postedVersion(values);
      if (version === undefined) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.badVersion);
      const status = values.status?.at(-1);
      if (!isAvailability(status)) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.issues['invalid-choice']());
      const from = (values.availableFrom?.at(-1) ?? '').trim();
      if (from !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(from)) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.issues.date());
      const until = status === 'reserved' ? (values.reservedUntil?.at(-1) ?? '').trim() : '';
      const untilRefused = () => errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.offers.form.reservedUntilPast);
      if (until !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(until)) return untilRefused();
      const stale = () =>
        formPage(c, deps, t, {
          base: OFFER_EDITOR_BASE,
          kind: entry.kind,
          values: entryToForm(entry),
          issues: [],
          entry,
          version: entry.version,
          stale: 'action',
          status: 409,
        });
      if (version !== entry.version) return stale();
      try {
        await deps.editor.setAvailability(principalOf(c), entry.id, { status, ...(from ? { availableFrom: from } : {}), ...(until ? { reservedUntil: until } : {}) }, version);
      } catch (error) {
        if (error instanceof PreconditionFailedError) return stale();
        if (error instanceof ValidationError && error.issues.some((issue) => issue.name === 'reservedUntil')) return untilRefused();
        if (error instanceof ValidationError) return errorPage(c, t, 400, t.editor.unknownFieldsTitle, t.editor.issues.date());
        throw error;
      }
      c.header('Cache-Control', 'no-store');
      return c.redirect(editorHref(`${OFFER_EDITOR_BASE}/${entry.id}/edit`, t.lang, { notice: status === 'reserved' ? 'reserved' : 'saved' }), 303);
    },
  };
};
