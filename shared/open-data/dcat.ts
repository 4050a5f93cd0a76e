/**
 * DCAT-AP-SE metadata (JSON-LD) describing the catalogue's open data, so Sweden's data portal
 * (dataportal.se) can harvest it: one catalogue, one dataset (the catalogue as HSDS 3.0) with two
 * distributions, the HSDS API and the HSDS JSON bundle; each states the region's licence.
 */
import type { Label } from '#shared/domain/text.ts';
import { HSDS_VERSION } from './hsds-mapping.ts';
import type { Publication } from './publication.ts';

const HSDS_SPECIFICATION = 'https://docs.openreferral.org/en/latest/hsds/overview.html';

const texts = (label: Label) => [
  { '@value': label.sv, '@language': 'sv' },
  { '@value': label.en, '@language': 'en' },
];

/** The DCAT-AP-SE graph for the data served under `base` (the site's origin), last changed at `modified`. */
export const dcatCatalogue = (publication: Publication, base: string, modified: string | undefined) => {
  const catalogueId = `${base}/hsds/catalog.jsonld#catalog`;
  const datasetId = `${base}/hsds/catalog.jsonld#dataset`;
  const publisherId = `${base}/hsds/catalog.jsonld#publisher`;
  const licence = { '@id': publication.licence.url };
  const conformsTo = { '@id': HSDS_SPECIFICATION };
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dcterms: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@graph': [
      {
        '@id': catalogueId,
        '@type': 'dcat:Catalog',
        'dcterms:title': texts(publication.dataset.title),
        'dcterms:description': texts(publication.dataset.description),
        'dcterms:publisher': { '@id': publisherId },
        'dcterms:license': licence,
        'dcterms:language': { '@id': 'http://publications.europa.eu/resource/authority/language/SWE' },
        'foaf:homepage': { '@id': `${base}/` },
        'dcat:dataset': { '@id': datasetId },
      },
      {
        '@id': publisherId,
        '@type': 'foaf:Agent',
        'foaf:name': texts(publication.publisher.name),
        'foaf:homepage': { '@id': publication.publisher.homepage },
        ...(publication.publisher.type ? { 'dcterms:type': { '@id': publication.publisher.type } } : {}),
      },
      {
        '@id': datasetId,
        '@type': 'dcat:Dataset',
        'dcterms:title': texts(publication.dataset.title),
        'dcterms:description': texts(publication.dataset.description),
        'dcat:keyword': [
          ...publication.dataset.keywords.sv.map((word) => ({ '@value': word, '@language': 'sv' })),
          ...publication.dataset.keywords.en.map((word) => ({ '@value': word, '@language': 'en' })),
        ],
        'dcat:theme': { '@id': publication.dataset.theme },
        'dcterms:publisher': { '@id': publisherId },
        'dcat:contactPoint': {
          '@type': 'vcard:Organization',
          'vcard:fn': publication.publisher.name.sv,
          'vcard:hasURL': { '@id': publication.publisher.homepage },
        },
        'dcterms:conformsTo': conformsTo,
        'dcterms:license': licence,
        'dcterms:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
        ...(publication.dataset.spatial ? { 'dcterms:spatial': { '@id': publication.dataset.spatial } } : {}),
        ...(publication.dataset.accrualPeriodicity ? { 'dcterms:accrualPeriodicity': { '@id': publication.dataset.accrualPeriodicity } } : {}),
        ...(modified ? { 'dcterms:modified': { '@value': modified, '@type': 'xsd:dateTime' } } : {}),
        'dcat:landingPage': { '@id': `${base}/` },
        'dcat:distribution': [
          {
            '@id': `${base}/hsds/catalog.jsonld#api`,
            '@type': 'dcat:Distribution',
            'dcterms:title': texts({ sv: `HSDS ${HSDS_VERSION}-API (JSON)`, en: `HSDS ${HSDS_VERSION} API (JSON)` }),
            'dcat:accessURL': { '@id': `${base}/hsds/` },
            'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/application/json' },
            'dcterms:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/JSON' },
            'dcterms:conformsTo': conformsTo,
            'dcterms:license': licence,
          },
          {
            '@id': `${base}/hsds/catalog.jsonld#services`,
            '@type': 'dcat:Distribution',
            'dcterms:title': texts({ sv: 'Alla tjänster, fullständigt nästlade (JSON)', en: 'Every service, fully nested (JSON)' }),
            'dcat:accessURL': { '@id': `${base}/hsds/services?full=true&per_page=200` },
            'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/application/json' },
            'dcterms:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/JSON' },
            'dcterms:conformsTo': conformsTo,
            'dcterms:license': licence,
          },
        ],
      },
    ],
  };
};
