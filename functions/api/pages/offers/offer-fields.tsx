/**
 * The establishment offer's part of the editor's entry form: every offer fact in fieldsets (type and
 * place, areas, zoning, utilities, transport, price and availability, images and documents, key facts),
 * built from the form's own field components; and the availability buttons shown when editing an offer.
 */
import type { Child } from 'hono/jsx';
import { OFFER_AVAILABILITIES, OFFER_TYPES, PLAN_STATUSES, UTILITY_LEVELS, type Entry } from '#shared/domain/entry.ts';
import { PostForm } from '../components/session.tsx';
import { editorHref } from '../editor/editor-urls.ts';
import type { EntryFormModel, Kit } from '../editor/entry-form.view.tsx';
import type { Messages } from '../messages/index.ts';

const Part = (props: { legend: string; children: Child }) => (
  <fieldset class="offer-part">
    <legend>{props.legend}</legend>
    {props.children}
  </fieldset>
);

export const OfferFields = (props: { model: EntryFormModel; kit: Kit }) => {
  const { t, taxonomy } = props.model;
  const { Text, Select } = props.kit;
  const o = 'establishmentOffer';
  const f = t.offers.facts;
  const groups = t.offers.form.groups;
  const notStated = t.editor.notStated;
  const utilities = UTILITY_LEVELS.map((u) => ({ value: u, label: f.utilityValues[u] }));
  return (
    <>
      <Part legend={groups.place}>
        <Select name={`${o}.offerType`} empty={t.editor.chooseOption} options={OFFER_TYPES.map((v) => ({ value: v, label: t.offers.typeValues[v] }))} />
        <Select
          name={`${o}.location.municipality`}
          empty={t.editor.chooseOption}
          options={taxonomy.municipalities.map((m) => ({ value: m.code, label: m.name })).sort((a, b) => a.label.localeCompare(b.label, t.locale))}
        />
        <Text name={`${o}.location.placeName`} />
        <Text name={`${o}.location.position.lat`} inputmode="decimal" width="medium" />
        <Text name={`${o}.location.position.lon`} inputmode="decimal" width="medium" />
      </Part>
      <Part legend={groups.areas}>
        <Text name={`${o}.landAreaM2`} inputmode="decimal" width="medium" />
        <Text name={`${o}.floorAreaM2`} inputmode="decimal" width="medium" />
      </Part>
      <Part legend={groups.zoning}>
        <Select name={`${o}.zoning.planStatus`} empty={notStated} options={PLAN_STATUSES.map((p) => ({ value: p, label: f.planStatusValues[p] }))} />
        <Text name={`${o}.zoning.permittedUse.sv`} lang="sv" rows={2} />
        <Text name={`${o}.zoning.permittedUse.en`} lang="en" rows={2} />
      </Part>
      <Part legend={groups.utilities}>
        <Text name={`${o}.powerCapacityMW`} inputmode="decimal" width="medium" />
        <Select name={`${o}.waterAndSewer`} empty={notStated} options={utilities} />
        <Select name={`${o}.fibre`} empty={notStated} options={utilities} />
      </Part>
      <Part legend={groups.transport}>
        <Select
          name={`${o}.railSiding`}
          empty={notStated}
          options={[
            { value: 'yes', label: t.offers.form.yes },
            { value: 'no', label: t.offers.form.no },
          ]}
        />
        <Text name={`${o}.distancesKm.motorway`} inputmode="decimal" width="medium" />
        <Text name={`${o}.distancesKm.railHub`} inputmode="decimal" width="medium" />
        <Text name={`${o}.distancesKm.airport`} inputmode="decimal" width="medium" />
      </Part>
      <Part legend={groups.price}>
        <Select
          name={`${o}.price.kind`}
          empty={notStated}
          options={[
            { value: 'per-m2', label: t.offers.form.perM2 },
            { value: 'on-request', label: t.offers.form.onRequest },
          ]}
        />
        <Text name={`${o}.price.sekPerM2`} inputmode="decimal" width="medium" />
        <Select
          name={`${o}.availability.status`}
          empty={notStated}
          options={OFFER_AVAILABILITIES.map((a) => ({ value: a, label: t.offers.availabilityValues[a] }))}
        />
        <Text name={`${o}.availability.availableFrom`} width="medium" />
        <Text name={`${o}.availability.reservedUntil`} width="medium" />
      </Part>
      <Part legend={groups.media}>
        <Text name={`${o}.images.url`} rows={3} />
        <Text name={`${o}.images.alt.sv`} lang="sv" rows={3} />
        <Text name={`${o}.images.alt.en`} lang="en" rows={3} />
        <Text name={`${o}.documents.url`} rows={3} />
        <Text name={`${o}.documents.title.sv`} lang="sv" rows={3} />
        <Text name={`${o}.documents.title.en`} lang="en" rows={3} />
      </Part>
      <Part legend={groups.keyFacts}>
        <Text name={`${o}.keyFacts.sv`} lang="sv" rows={4} />
        <Text name={`${o}.keyFacts.en`} lang="en" rows={4} />
      </Part>
    </>
  );
};

/** Reserve, make available or mark taken: one button each for the states the offer is not in. */
export const AvailabilityActions = (props: { t: Messages; entry: Extract<Entry, { kind: 'establishment-offer' }> }) => {
  const { t, entry } = props;
  const current = entry.establishmentOffer.availability?.status;
  const form = t.offers.form;
  return (
    <section class="form-group" aria-labelledby="availability-heading">
      <h2 id="availability-heading">{form.availabilityHeading}</h2>
      <p class="hint">{form.availabilityLead(current ? t.offers.availabilityValues[current] : t.offers.notStated)}</p>
      <ul class="action-list">
        {OFFER_AVAILABILITIES.filter((status) => status !== current).map((status) => (
          <li>
            <PostForm action={editorHref(`/editor/offers/${entry.id}/availability`, t.lang)}>
              <input type="hidden" name="version" value={String(entry.version)} />
              <input type="hidden" name="status" value={status} />
              {status === 'available' && (
                <div class="field">
                  <label for="availability-from">{form.availableFrom}</label>
                  <input type="text" id="availability-from" name="availableFrom" class="input-medium" autocomplete="off" />
                </div>
              )}
              {status === 'reserved' && (
                <div class="field">
                  <label for="availability-until">{form.reservedUntil}</label>
                  <p class="hint" id="availability-until-hint">
                    {form.reservedUntilHint}
                  </p>
                  <input type="date" id="availability-until" name="reservedUntil" class="input-medium" autocomplete="off" aria-describedby="availability-until-hint" />
                </div>
              )}
              <button type="submit" class="secondary" aria-describedby={`availability-${status}-hint`}>
                {form.availabilityActions[status]}
              </button>
            </PostForm>
            <p class="hint" id={`availability-${status}-hint`}>
              {form.availabilityHints[status]}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
};
