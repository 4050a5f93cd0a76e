/**
 * An establishment offer's facts on its entry page: first what an investor compares (place, position with
 * a link to OpenStreetMap, areas, power, rail siding, zoning, distances, price, availability, utilities, key
 * facts), each shown even when not stated; then, among the catalogue facts, the contact organisation,
 * images and documents. Images are links (the pages' CSP admits no external images); only https is linked.
 */
import type { Child } from 'hono/jsx';
import type { Entry, EntryOf } from '#shared/domain/entry.ts';
import type { Taxonomy } from '#shared/domain/taxonomy.ts';
import { localize, type LocalizedText } from '#shared/domain/text.ts';
import { LocalText } from '../components/local-text.tsx';
import { formatDate, formatNumber, listFormat } from '../format.ts';
import type { Messages } from '../messages/index.ts';
import { entryHref } from '../urls.ts';
import { degrees, km, m2, mw, yesNo } from './offer-format.ts';

const Fact = (props: { label: string; children: Child }) => (
  <div>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </div>
);

const https = (url: string): string | undefined => (/^https:\/\//i.test(url) ? url : undefined);

const Links = (props: { items: readonly { url: string; text: LocalizedText }[]; t: Messages; label?: (text: string) => string }) => (
  <ul>
    {props.items.map((item) => {
      const href = https(item.url);
      const text = <LocalText text={item.text} lang={props.t.lang} />;
      return <li>{href ? <a href={href}>{props.label ? props.label(localize(item.text, props.t.lang)) : text}</a> : text}</li>;
    })}
  </ul>
);

/**
 * The facts an investor compares, each always shown: a fact the offer does not state reads "not stated",
 * never "no". Place and position first, then area, power, rail, zoning, distances, price, availability, utilities.
 */
export const OfferCompareFacts = (props: { t: Messages; taxonomy: Taxonomy; entry: EntryOf<'establishment-offer'> }) => {
  const { t, taxonomy, entry } = props;
  const eo = entry.establishmentOffer;
  const f = t.offers.facts;
  const none = <span class="not-stated">{f.notStated}</span>;
  const position = eo.location.position;
  const municipality = taxonomy.municipalities.find((m) => m.code === eo.location.municipality);
  const distances = eo.distancesKm
    ? [
        eo.distancesKm.motorway !== undefined ? f.motorway(km(eo.distancesKm.motorway, t)) : '',
        eo.distancesKm.railHub !== undefined ? f.railHub(km(eo.distancesKm.railHub, t)) : '',
        eo.distancesKm.airport !== undefined ? f.airport(km(eo.distancesKm.airport, t)) : '',
      ].filter(Boolean)
    : [];
  const bothAreas = eo.landAreaM2 === undefined && eo.floorAreaM2 === undefined;
  return (
    <dl class="facts offer-compare">
      <Fact label={f.type}>{t.offers.typeValues[eo.offerType]}</Fact>
      <Fact label={f.place}>
        <span lang={t.lang === 'sv' ? undefined : 'sv'}>{eo.location.placeName}</span>{`, ${entry.municipalities === 'county' ? t.entry.wholeCounty : (municipality?.name ?? eo.location.municipality)}`}
      </Fact>
      <Fact label={f.coordinates}>
        {position ? (
          <>
            {`${degrees(position.lat, t)}° N, ${degrees(position.lon, t)}° E`} (<a href={`https://www.openstreetmap.org/?mlat=${position.lat}&mlon=${position.lon}#map=14/${position.lat}/${position.lon}`}>{f.coordinatesLink}</a>)
          </>
        ) : (
          f.approximate
        )}
      </Fact>
      {bothAreas ? (
        <Fact label={t.offers.hitArea}>{none}</Fact>
      ) : (
        <>
          {eo.landAreaM2 !== undefined && <Fact label={f.landArea}>{m2(eo.landAreaM2, t)}</Fact>}
          {eo.floorAreaM2 !== undefined && <Fact label={f.floorArea}>{m2(eo.floorAreaM2, t)}</Fact>}
        </>
      )}
      <Fact label={f.power}>{eo.powerCapacityMW !== undefined ? mw(eo.powerCapacityMW, t) : none}</Fact>
      <Fact label={f.railSiding}>{eo.railSiding !== undefined ? yesNo(eo.railSiding, t) : none}</Fact>
      <Fact label={f.zoning}>
        {eo.zoning ? (
          <>
            {f.planStatusValues[eo.zoning.planStatus]}
            {eo.zoning.permittedUse && (
              <>
                {'. '}
                {f.permittedUse}: <LocalText text={eo.zoning.permittedUse} lang={t.lang} />
              </>
            )}
          </>
        ) : (
          none
        )}
      </Fact>
      <Fact label={f.distances}>{distances.length > 0 ? listFormat(distances, t) : none}</Fact>
      <Fact label={f.price}>{eo.price ? (eo.price.kind === 'per-m2' ? f.perM2(formatNumber(eo.price.sekPerM2, t)) : f.onRequest) : none}</Fact>
      <Fact label={f.availability}>
        {eo.availability ? (
          <>
            {t.offers.availabilityValues[eo.availability.status]}
            {eo.availability.availableFrom && ` ${f.availableFrom(formatDate(eo.availability.availableFrom, t))}`}
            {eo.availability.reservedUntil && ` ${f.reservedUntil(formatDate(eo.availability.reservedUntil, t))}`}
          </>
        ) : (
          none
        )}
      </Fact>
      <Fact label={f.waterAndSewer}>{eo.waterAndSewer ? f.utilityValues[eo.waterAndSewer] : none}</Fact>
      <Fact label={f.fibre}>{eo.fibre ? f.utilityValues[eo.fibre] : none}</Fact>
      {eo.keyFacts.length > 0 && (
        <Fact label={f.keyFacts}>
          <ul>
            {eo.keyFacts.map((fact) => (
              <li>
                <LocalText text={fact} lang={t.lang} />
              </li>
            ))}
          </ul>
        </Fact>
      )}
    </dl>
  );
};

/** The offer's catalogue-side facts among the entry's other facts: contact organisation, images and documents. */
export const OfferFacts = (props: { t: Messages; entry: EntryOf<'establishment-offer'>; provider?: Entry | undefined }) => {
  const { t, entry } = props;
  const eo = entry.establishmentOffer;
  const f = t.offers.facts;
  return (
    <>
      {entry.providerId && (
        <Fact label={f.contactOrganisation}>
          <a href={entryHref(entry.providerId, t.lang)}>{props.provider ? <LocalText text={props.provider.name} lang={t.lang} /> : entry.providerId}</a>
        </Fact>
      )}
      {eo.images.length > 0 && (
        <Fact label={f.images}>
          <Links items={eo.images.map((i) => ({ url: i.url, text: i.alt }))} t={t} label={f.imageLink} />
        </Fact>
      )}
      {eo.documents.length > 0 && (
        <Fact label={f.documents}>
          <Links items={eo.documents.map((d) => ({ url: d.url, text: d.title }))} t={t} />
        </Fact>
      )}
    </>
  );
};
