/**
 * Deterministic synthetic catalogue: N search documents shaped like Vägvisaren's entries, in
 * Swedish and English, built from the county's business-support vocabulary (with compounds and
 * inflected forms) and coherent filter values. Doc i depends only on (seed, i), so a smaller
 * catalogue is a prefix of a larger one.
 */
import {
  MUNICIPALITIES, type FocusLevel, type Kind, type Localized, type SearchDoc,
} from './engine.ts';

type P = readonly [sv: string, en: string];
type Rng = () => number;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export const mulberry32 = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const weighted = <T>(rng: Rng, items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
};
const sample = <T>(rng: Rng, items: readonly T[], count: number): T[] => {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]!);
  return out;
};

const TOWNS: Record<string, { town: P; genitive: string; municipality: P; weight: number }> = {
  '1814': { town: ['Fjugesta', 'Fjugesta'], genitive: 'Fjugestas', municipality: ['Lekebergs kommuns', 'Lekeberg Municipality'], weight: 5 },
  '1860': { town: ['Laxå', 'Laxå'], genitive: 'Laxås', municipality: ['Laxå kommuns', 'Laxå Municipality'], weight: 4 },
  '1861': { town: ['Hallsberg', 'Hallsberg'], genitive: 'Hallsbergs', municipality: ['Hallsbergs kommuns', 'Hallsberg Municipality'], weight: 8 },
  '1862': { town: ['Degerfors', 'Degerfors'], genitive: 'Degerfors', municipality: ['Degerfors kommuns', 'Degerfors Municipality'], weight: 5 },
  '1863': { town: ['Hällefors', 'Hällefors'], genitive: 'Hällefors', municipality: ['Hällefors kommuns', 'Hällefors Municipality'], weight: 4 },
  '1864': { town: ['Kopparberg', 'Kopparberg'], genitive: 'Kopparbergs', municipality: ['Ljusnarsbergs kommuns', 'Ljusnarsberg Municipality'], weight: 3 },
  '1880': { town: ['Örebro', 'Örebro'], genitive: 'Örebros', municipality: ['Örebro kommuns', 'Örebro Municipality'], weight: 35 },
  '1881': { town: ['Kumla', 'Kumla'], genitive: 'Kumlas', municipality: ['Kumla kommuns', 'Kumla Municipality'], weight: 8 },
  '1882': { town: ['Askersund', 'Askersund'], genitive: 'Askersunds', municipality: ['Askersunds kommuns', 'Askersund Municipality'], weight: 5 },
  '1883': { town: ['Karlskoga', 'Karlskoga'], genitive: 'Karlskogas', municipality: ['Karlskoga kommuns', 'Karlskoga Municipality'], weight: 10 },
  '1884': { town: ['Nora', 'Nora'], genitive: 'Noras', municipality: ['Nora kommuns', 'Nora Municipality'], weight: 5 },
  '1885': { town: ['Lindesberg', 'Lindesberg'], genitive: 'Lindesbergs', municipality: ['Lindesbergs kommuns', 'Lindesberg Municipality'], weight: 7 },
};

const STAGE_TEXT: Record<string, P> = {
  idea: ['idéfasen', 'the idea phase'],
  startup: ['uppstartsfasen', 'the start-up phase'],
  growth: ['tillväxtfasen', 'the growth phase'],
  established: ['en mogen fas', 'a mature phase'],
};

const ORG_TYPES: P[] = [
  ['Företagscenter', 'Business Centre'], ['Innovationshubb', 'Innovation Hub'],
  ['Näringslivskontor', 'Business Office'], ['Inkubator', 'Incubator'], ['Science park', 'Science park'],
  ['Kompetenscentrum', 'Competence Centre'], ['Nyföretagarcentrum', 'New Business Centre'],
  ['Utvecklingsbolag', 'Development Company'], ['Företagarförening', 'Business Association'],
  ['Klusterorganisation', 'Cluster Organisation'],
];

const TARGETS: P[] = [
  ['nya företag', 'new companies'], ['småföretag', 'small businesses'], ['tillväxtföretag', 'growth companies'],
  ['livsmedelsföretag', 'food companies'], ['industriföretag', 'manufacturing companies'], ['startups', 'startups'],
  ['företagen i länet', "the county's companies"], ['entreprenörer', 'entrepreneurs'], ['innovatörer', 'innovators'],
  ['exportföretag', 'exporting companies'], ['företag på landsbygden', 'rural companies'],
  ['unga företagare', 'young entrepreneurs'],
];

const INDUSTRIES: P[] = [
  ['logistik', 'logistics'], ['livsmedel', 'food'], ['tillverkning', 'manufacturing'], ['handel', 'retail'],
  ['besöksnäring', 'tourism'], ['stål och metall', 'steel and metal'], ['försvarsindustri', 'the defence industry'],
  ['life science', 'life science'], ['bygg och fastighet', 'construction and property'],
];

const TESTBED_DOMAINS: P[] = [
  ['autonoma transporter', 'autonomous transport'], ['livsmedelsproduktion', 'food production'],
  ['digital tillverkning', 'digital manufacturing'], ['hälsoteknik', 'health technology'], ['robotik', 'robotics'],
  ['energilagring', 'energy storage'], ['materialteknik', 'materials technology'],
  ['måltidsinnovation', 'meal innovation'], ['drönare', 'drones'],
];

interface Ctx {
  org: P;
  place: P;
  placeGenitive: string;
  target: P;
  service: P;
  goal: P;
  stage: P;
  industry: P;
  domain: P;
}

type Sentence = (c: Ctx) => P;

interface Theme {
  name: string;
  areas: readonly [string, ...string[]];
  supportTypes: readonly string[];
  stages: readonly (readonly [string, number])[];
  spearhead: number;
  services: P[];
  goals: P[];
  sentences: Sentence[];
}

const S = (sv: string, en: string): Sentence => () => [sv, en];

const THEMES: Record<string, Theme> = {
  finance: {
    name: 'finance',
    areas: ['company-development', 'investment-establishment'],
    supportTypes: ['loan', 'grant', 'equity', 'advice'],
    stages: [['startup', 3], ['growth', 4], ['established', 3], ['idea', 1]],
    spearhead: 0.1,
    services: [
      ['lån', 'loans'], ['finansiering', 'funding'], ['mikrolån', 'microloans'], ['riskkapital', 'venture capital'],
      ['bidrag', 'grants'], ['kreditgarantier', 'credit guarantees'], ['finansieringsrådgivning', 'funding advice'],
    ],
    goals: [
      ['hitta finansiering', 'find funding'], ['finansiera tillväxten', 'finance their growth'],
      ['investera i ny utrustning', 'invest in new equipment'],
    ],
    sentences: [
      S('Lånet kan kombineras med andra former av finansiering, till exempel riskkapital eller bidrag.',
        'The loan can be combined with other forms of funding, such as venture capital or grants.'),
      S('Lånen ges på marknadsmässiga villkor och kräver en affärsplan.',
        'The loans are given on market terms and require a business plan.'),
      S('Finansieringen kan uppgå till 50 procent av projektets kostnader.',
        "The funding can cover up to 50 percent of the project's costs."),
      S('Företagen får hjälp att förbereda sig inför möten med banker och investerare.',
        'Companies get help to prepare for meetings with banks and investors.'),
    ],
  },
  venture: {
    name: 'venture',
    areas: ['investment-establishment', 'company-development'],
    supportTypes: ['equity', 'loan', 'mentoring'],
    stages: [['startup', 4], ['growth', 5], ['idea', 1]],
    spearhead: 0.15,
    services: [
      ['riskkapital', 'venture capital'], ['ägarkapital', 'equity'], ['konvertibla lån', 'convertible loans'],
      ['såddkapital', 'seed capital'], ['investeringar', 'investments'],
    ],
    goals: [
      ['växa snabbt', 'grow fast'], ['ta in kapital', 'raise capital'], ['finansiera tillväxten', 'finance their growth'],
    ],
    sentences: [
      S('Fonden investerar i bolag med hög tillväxtpotential i tidiga skeden.',
        'The fund invests in companies with high growth potential at early stages.'),
      S('Investeringarna görs tillsammans med privata investerare på samma villkor.',
        'Investments are made together with private investors on equal terms.'),
      S('Vi tar en aktiv roll i styrelsen och bidrar med nätverk och erfarenhet.',
        'We take an active role on the board and contribute networks and experience.'),
      S('Typiska investeringar ligger mellan en och fem miljoner kronor.',
        'Typical investments are between one and five million kronor.'),
    ],
  },
  innovation: {
    name: 'innovation',
    areas: ['innovation', 'company-development'],
    supportTypes: ['incubation', 'grant', 'research-collaboration', 'advice', 'mentoring'],
    stages: [['idea', 4], ['startup', 4], ['growth', 2]],
    spearhead: 0.2,
    services: [
      ['innovationsstöd', 'innovation support'], ['verifieringsmedel', 'verification funding'],
      ['innovationscheckar', 'innovation vouchers'], ['inkubation', 'incubation'],
      ['affärsutveckling', 'business development'],
    ],
    goals: [
      ['utveckla sina idéer', 'develop their ideas'], ['ta innovationer till marknaden', 'take innovations to market'],
      ['testa nya produkter', 'test new products'],
    ],
    sentences: [
      S('Inkubatorn har hjälpt över hundra företag sedan starten.',
        'The incubator has helped over a hundred companies since it started.'),
      S('Innovationsstödet riktar sig till företag som vill utveckla nya produkter, tjänster eller processer.',
        'The innovation support is aimed at companies that want to develop new products, services or processes.'),
      S('Vi samarbetar med Örebro universitet och forskningsinstitut i hela Sverige.',
        'We work with Örebro University and research institutes across Sweden.'),
      S('Idéer testas tidigt mot kunder för att minska risken.',
        'Ideas are tested early with customers to reduce risk.'),
      S('Inkubatorer och science parks erbjuder kontorsplats, coachning och nätverk.',
        'Incubators and science parks offer office space, coaching and networks.'),
    ],
  },
  testbed: {
    name: 'testbed',
    areas: ['innovation'],
    supportTypes: ['testing-demonstration', 'research-collaboration', 'skills-development'],
    stages: [['startup', 3], ['growth', 4], ['established', 3]],
    spearhead: 0.5,
    services: [
      ['testbäddar', 'testbeds'], ['testmiljöer', 'test environments'], ['demonstrationsmiljöer', 'demonstration environments'],
      ['labbtid', 'lab time'],
    ],
    goals: [
      ['testa nya produkter', 'test new products'], ['validera prototyper', 'validate prototypes'],
      ['digitalisera produktionen', 'digitalise production'],
    ],
    sentences: [
      (c) => [`Testbädden erbjuder miljöer där företag kan testa och demonstrera ${c.domain[0]}.`,
        `The testbed offers environments where companies can test and demonstrate ${c.domain[1]}.`],
      S('Testbäddarna används av både små och stora företag.', 'The testbeds are used by both small and large companies.'),
      S('Utrustningen kan bokas per dag eller vecka.', 'The equipment can be booked by the day or week.'),
      S('Här kan prototyper valideras i verklig miljö innan lansering.',
        'Here prototypes can be validated in a real environment before launch.'),
    ],
  },
  export: {
    name: 'export',
    areas: ['company-development'],
    supportTypes: ['internationalisation', 'advice', 'networking', 'grant'],
    stages: [['growth', 5], ['established', 4], ['startup', 1]],
    spearhead: 0.1,
    services: [
      ['exportstöd', 'export support'], ['exportrådgivning', 'export advice'],
      ['internationaliseringscheckar', 'internationalisation vouchers'], ['marknadsanalyser', 'market analyses'],
    ],
    goals: [
      ['växa på nya marknader', 'grow in new markets'], ['öka exporten', 'increase exports'],
      ['hitta internationella kunder', 'find international customers'],
    ],
    sentences: [
      S('Stöd för export och internationalisering ges i samarbete med Business Sweden.',
        'Support for export and internationalisation is provided together with Business Sweden.'),
      S('Företag som vill öka exporten får hjälp att välja marknader och hitta partner.',
        'Companies that want to increase exports get help choosing markets and finding partners.'),
      S('Exportföretagen i länet möts regelbundet för att dela erfarenheter.',
        'The exporting companies in the county meet regularly to share experiences.'),
    ],
  },
  advice: {
    name: 'advice',
    areas: ['company-development'],
    supportTypes: ['advice', 'mentoring', 'networking'],
    stages: [['idea', 4], ['startup', 5], ['growth', 2], ['established', 1]],
    spearhead: 0.05,
    services: [
      ['rådgivning', 'advice'], ['affärsrådgivning', 'business advice'], ['mentorskap', 'mentoring'],
      ['nyföretagarrådgivning', 'start-up advice'], ['coachning', 'coaching'],
    ],
    goals: [
      ['starta eget', 'start their own business'], ['utveckla verksamheten', 'develop the business'],
      ['bli lönsamma', 'become profitable'],
    ],
    sentences: [
      S('Rådgivningen är kostnadsfri och sker på svenska eller engelska.',
        'The advice is free of charge and given in Swedish or English.'),
      S('Kontakta oss för ett första kostnadsfritt möte om företagets behov.',
        "Contact us for a first free meeting about the company's needs."),
      S('En erfaren mentor följer företagaren under ett år.', 'An experienced mentor follows the entrepreneur for one year.'),
      S('Vi hjälper dig med affärsplan, budget och val av bolagsform.',
        'We help you with a business plan, budget and choice of company form.'),
      S('Företagare i alla branscher är välkomna.', 'Entrepreneurs in all industries are welcome.'),
    ],
  },
  establishment: {
    name: 'establishment',
    areas: ['investment-establishment'],
    supportTypes: ['establishment-service', 'premises-land'],
    stages: [['established', 5], ['growth', 4]],
    spearhead: 0.05,
    services: [
      ['etableringsservice', 'establishment services'], ['mark och lokaler', 'land and premises'],
      ['etableringsstöd', 'establishment support'], ['industrimark', 'industrial land'],
      ['logistiklokaler', 'logistics premises'],
    ],
    goals: [
      ['etablera sig i länet', 'establish themselves in the county'], ['hitta rätt lokaler', 'find the right premises'],
      ['bygga en ny anläggning', 'build a new facility'],
    ],
    sentences: [
      S('Etableringen underlättas av närheten till järnväg, motorväg och flygplats.',
        'Establishment is made easier by proximity to rail, motorway and airport.'),
      S('Marken är detaljplanerad för industri och logistik och kan tillträdas snabbt.',
        'The land is zoned for industry and logistics and can be taken over quickly.'),
      S('Kommunen hjälper till med bygglov, tillstånd och kontakter med lokala leverantörer.',
        'The municipality helps with building permits, licences and contacts with local suppliers.'),
      S('Området har god tillgång till el, fiber och vatten.', 'The area has good access to electricity, fibre and water.'),
      (c) => [`Etablering i ${c.place[0]} ger närhet till kunder, leverantörer och kompetens.`,
        `Establishment in ${c.place[1]} gives proximity to customers, suppliers and skills.`],
      S('Logistiken i Hallsberg och Örebro når en stor del av Skandinaviens befolkning inom en dag.',
        "Logistics in Hallsberg and Örebro reaches a large part of Scandinavia's population within a day."),
    ],
  },
  skills: {
    name: 'skills',
    areas: ['skills-talent'],
    supportTypes: ['skills-development', 'recruitment', 'networking'],
    stages: [['growth', 4], ['established', 5], ['startup', 2]],
    spearhead: 0.1,
    services: [
      ['kompetensförsörjning', 'skills supply'], ['rekryteringsstöd', 'recruitment support'],
      ['yrkesutbildning', 'vocational training'], ['kompetensutveckling', 'skills development'],
      ['talangprogram', 'talent programmes'],
    ],
    goals: [
      ['rekrytera rätt kompetens', 'recruit the right skills'], ['utveckla medarbetarna', 'develop their staff'],
      ['locka talanger', 'attract talent'],
    ],
    sentences: [
      S('Målet är att stärka kompetensförsörjningen hos länets arbetsgivare.',
        "The goal is to strengthen skills supply for the county's employers."),
      S('Utbildningarna tas fram tillsammans med företagen i regionen.',
        'The training courses are developed together with companies in the region.'),
      S('Vi hjälper arbetsgivare att rekrytera och behålla talanger.', 'We help employers recruit and retain talent.'),
      S('Studenter från Örebro universitet gör examensarbeten hos företag i länet.',
        'Students from Örebro University do degree projects at companies in the county.'),
    ],
  },
  food: {
    name: 'food',
    areas: ['innovation', 'company-development'],
    supportTypes: ['research-collaboration', 'networking', 'testing-demonstration', 'advice'],
    stages: [['idea', 2], ['startup', 3], ['growth', 3], ['established', 2]],
    spearhead: 0.8,
    services: [
      ['livsmedelsutveckling', 'food development'], ['måltidsinnovation', 'meal innovation'],
      ['produktutveckling', 'product development'],
    ],
    goals: [
      ['utveckla nya livsmedel', 'develop new foods'], ['nå nya kunder', 'reach new customers'],
      ['ställa om till hållbar produktion', 'switch to sustainable production'],
    ],
    sentences: [
      S('Livsmedelsföretag kan utveckla nya produkter tillsammans med forskare inom måltid och hälsa.',
        'Food companies can develop new products together with researchers in meals and health.'),
      S('Livsmedel, hälsa och måltid är ett av länets styrkeområden.',
        "Food, health and meals is one of the county's strength areas."),
      S('Lantbrukare och förädlingsföretag får hjälp att nå nya kunder.',
        'Farmers and processing companies get help to reach new customers.'),
    ],
  },
  production: {
    name: 'production',
    areas: ['innovation', 'skills-talent'],
    supportTypes: ['testing-demonstration', 'research-collaboration', 'skills-development', 'advice'],
    stages: [['growth', 4], ['established', 5], ['startup', 1]],
    spearhead: 0.8,
    services: [
      ['digitaliseringsstöd', 'digitalisation support'], ['automationsrådgivning', 'automation advice'],
      ['produktionsutveckling', 'production development'],
    ],
    goals: [
      ['digitalisera produktionen', 'digitalise production'], ['automatisera tillverkningen', 'automate manufacturing'],
      ['öka produktiviteten', 'increase productivity'],
    ],
    sentences: [
      S('Autonoma, digitaliserade och intelligenta produktionssystem är ett av länets styrkeområden.',
        "Autonomous, digitalised and intelligent production systems is one of the county's strength areas."),
      S('Industriföretag får stöd att införa automation, AI och robotar i produktionen.',
        'Manufacturing companies get support to introduce automation, AI and robots in production.'),
      S('Digitaliseringen av tillverkningsindustrin skapar nya affärsmöjligheter.',
        'The digitalisation of manufacturing creates new business opportunities.'),
    ],
  },
};

const GENERIC: Sentence[] = [
  S('Insatsen finansieras delvis av Region Örebro län och Europeiska regionala utvecklingsfonden.',
    'The programme is partly funded by Region Örebro County and the European Regional Development Fund.'),
  (c) => [`I ${c.place[0]} finns ett starkt näringsliv inom ${c.industry[0]}.`,
    `${c.place[1]} has a strong business community in ${c.industry[1]}.`],
  (c) => [`${c.org[0]} är en del av det regionala stödsystemet för företag.`,
    `${c.org[1]} is part of the regional support system for companies.`],
  (c) => [`Stödet passar företag i ${c.stage[0]} som vill ${c.goal[0]}.`,
    `The support suits companies in ${c.stage[1]} that want to ${c.goal[1]}.`],
  (c) => [`Läs mer på vår webbplats eller besök oss i ${c.place[0]}.`,
    `Read more on our website or visit us in ${c.place[1]}.`],
  S('Vi arbetar med hållbarhet och cirkulär ekonomi i alla insatser.',
    'We work with sustainability and the circular economy in all activities.'),
  S('Många företag har e-handel och behöver stöd med digital marknadsföring.',
    'Many companies sell through e-commerce and need support with digital marketing.'),
  S('Ansökan kan göras löpande under 2025 och 2026.', 'Applications can be made on a rolling basis during 2025 and 2026.'),
  (c) => [`${c.placeGenitive} företag samverkar i nätverk för erfarenhetsutbyte och affärer.`,
    `Companies in ${c.place[1]} work together in networks for sharing experience and business.`],
  (c) => [`Vi ger stöd för företagsutveckling till ${c.target[0]} i hela Örebro län.`,
    `We support company development for ${c.target[1]} across Örebro County.`],
];

const SECTORS: P[] = [
  ['skogsindustri', 'forestry'], ['träförädling', 'wood processing'], ['gruvnäring', 'mining'], ['stålindustri', 'steel industry'],
  ['verkstadsindustri', 'engineering industry'], ['fordonsindustri', 'automotive industry'], ['byggindustri', 'construction'],
  ['fastighetsförvaltning', 'property management'], ['e-handel', 'e-commerce'], ['detaljhandel', 'retail trade'],
  ['grossisthandel', 'wholesale'], ['transporttjänster', 'transport services'], ['lagerhållning', 'warehousing'],
  ['tredjepartslogistik', 'third-party logistics'], ['järnvägsteknik', 'railway technology'], ['elektronik', 'electronics'],
  ['mjukvaruutveckling', 'software development'], ['spelutveckling', 'game development'], ['cybersäkerhet', 'cyber security'],
  ['artificiell intelligens', 'artificial intelligence'], ['sensorteknik', 'sensor technology'], ['medicinteknik', 'medical technology'],
  ['läkemedel', 'pharmaceuticals'], ['diagnostik', 'diagnostics'], ['vård och omsorg', 'health and social care'],
  ['välfärdsteknik', 'welfare technology'], ['bioteknik', 'biotechnology'], ['kemiindustri', 'chemical industry'],
  ['plastindustri', 'plastics industry'], ['förpackningar', 'packaging'], ['textil', 'textiles'], ['möbelindustri', 'furniture industry'],
  ['livsmedelsförädling', 'food processing'], ['mejerier', 'dairies'], ['bagerier', 'bakeries'], ['bryggerier', 'breweries'],
  ['restauranger', 'restaurants'], ['hotell', 'hotels'], ['turism', 'tourism'], ['kulturella näringar', 'cultural industries'],
  ['design', 'design'], ['reklam och media', 'advertising and media'], ['utbildningsföretag', 'education companies'],
  ['konsultföretag', 'consultancies'], ['redovisning', 'accounting'], ['juridik', 'legal services'], ['bemanning', 'staffing'],
  ['städtjänster', 'cleaning services'], ['säkerhetstjänster', 'security services'], ['energiproduktion', 'energy production'],
  ['solenergi', 'solar energy'], ['vindkraft', 'wind power'], ['bioenergi', 'bioenergy'], ['återvinning', 'recycling'],
  ['avfallshantering', 'waste management'], ['vattenrening', 'water treatment'], ['miljöteknik', 'environmental technology'],
  ['jordbruk', 'agriculture'], ['trädgårdsnäring', 'horticulture'], ['fiskodling', 'fish farming'], ['hästnäring', 'equine industry'],
  ['försvarsteknik', 'defence technology'], ['flygteknik', 'aerospace'], ['rymdteknik', 'space technology'],
];
const PARTNERS: P[] = [
  ['Region Örebro län', 'Region Örebro County'], ['Almi', 'Almi'], ['RISE', 'RISE'], ['Örebro universitet', 'Örebro University'],
  ['Alfred Nobel Science Park', 'Alfred Nobel Science Park'], ['Handelskammaren', 'the Chamber of Commerce'],
  ['Tillväxtverket', 'the Agency for Economic and Regional Growth'], ['Vinnova', 'Vinnova'],
  ['Jordbruksverket', 'the Board of Agriculture'], ['Länsstyrelsen', 'the County Administrative Board'],
];
const SYLLABLES = [
  'Nord', 'Berg', 'Sjö', 'Skog', 'Järn', 'Bruk', 'Kvarn', 'Ljus', 'Stål', 'Ek', 'Linde', 'Hammar', 'Gruv', 'Dal',
  'Vind', 'Bro', 'Hamn', 'Torg', 'Lund', 'Mo', 'Sten', 'Ström', 'Vall', 'Kopp', 'Sand', 'Myr', 'Ås', 'Fors',
];
const SUFFIXES = [
  'vind', 'lyftet', 'bron', 'porten', 'kraft', 'hubben', 'labbet', 'fabriken', 'kompassen', 'nätet', 'steget', 'banan',
];
const projectName = (rng: Rng): string =>
  pick(rng, SYLLABLES) + (chance(rng, 0.6) ? pick(rng, SYLLABLES).toLowerCase() : '') + pick(rng, SUFFIXES);

const extras = (rng: Rng): Sentence[] => {
  const out: Sentence[] = [];
  if (chance(rng, 0.7)) {
    const [a, b, c] = sample(rng, SECTORS, 3) as [P, P, P];
    out.push(() => [`Vi har särskild erfarenhet av ${a[0]}, ${b[0]} och ${c[0]}.`,
      `We have particular experience of ${a[1]}, ${b[1]} and ${c[1]}.`]);
  }
  if (chance(rng, 0.6)) {
    const project = projectName(rng);
    const partner = pick(rng, PARTNERS);
    out.push(() => [`Satsningen ${project} drivs i samverkan med ${partner[0]}.`,
      `The initiative ${project} is run in partnership with ${partner[1]}.`]);
  }
  return out;
};

const RARE: Sentence = S('Projektet omfattar även vätgas och elektrifiering av tunga transporter.',
  'The project also covers hydrogen and electrification of heavy transport.');

const KIND_WEIGHTS: (readonly [Kind, number])[] = [
  ['actor', 20], ['offering', 45], ['testbed', 10], ['investor', 10], ['establishment-offer', 15],
];

const KIND_THEMES: Record<Kind, readonly (readonly [string, number])[]> = {
  actor: [['finance', 2], ['innovation', 3], ['export', 1], ['advice', 4], ['skills', 2], ['food', 1], ['production', 1], ['establishment', 1], ['testbed', 1]],
  offering: [['finance', 4], ['innovation', 3], ['export', 2], ['advice', 4], ['skills', 3], ['food', 1], ['production', 1]],
  testbed: [['testbed', 8], ['food', 1], ['production', 1]],
  investor: [['venture', 3], ['finance', 1]],
  'establishment-offer': [['establishment', 1]],
};

const PREMISES: P[] = [
  ['Industrimark', 'Industrial land'], ['Logistiklokal', 'Logistics premises'], ['Kontorslokaler', 'Office premises'],
  ['Verksamhetsmark', 'Business land'], ['Lagerlokal', 'Warehouse premises'],
];
const SITES: P[] = [
  ['logistikparken', 'the logistics park'], ['stationen', 'the station'], ['E20', 'the E20'], ['hamnen', 'the harbour'],
  ['industriområdet', 'the industrial area'], ['flygplatsen', 'the airport'],
];
const INVESTOR_TYPES: P[] = [
  ['Riskkapitalfond', 'Venture capital fund'], ['Affärsänglanätverk', 'Business angel network'],
  ['Investeringsbolag', 'Investment company'], ['Såddfond', 'Seed fund'], ['Lånefond', 'Loan fund'],
];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

const municipalitiesFor = (rng: Rng, kind: Kind): string[] => {
  const weights = Object.entries(TOWNS).map(([code, t]) => [code, t.weight] as const);
  if (kind !== 'establishment-offer' && chance(rng, 0.3)) return [...MUNICIPALITIES];
  const count = kind === 'establishment-offer' ? 1 : weighted(rng, [[1, 6], [2, 3], [3, 1]] as const);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(weighted(rng, weights));
  return [...chosen].sort();
};

const nameFor = (rng: Rng, kind: Kind, c: Ctx): P => {
  switch (kind) {
    case 'actor': return c.org;
    case 'offering': {
      const [sv, en] = c.service;
      return chance(rng, 0.6)
        ? [`${cap(sv)} för ${c.target[0]} i ${c.place[0]}`, `${cap(en)} for ${c.target[1]} in ${c.place[1]}`]
        : [`${cap(sv)} till ${c.target[0]}`, `${cap(en)} for ${c.target[1]}`];
    }
    case 'testbed':
      return chance(rng, 0.7)
        ? [`Testbädd för ${c.domain[0]} i ${c.place[0]}`, `Testbed for ${c.domain[1]} in ${c.place[1]}`]
        : [`Testmiljö för ${c.domain[0]}`, `Test environment for ${c.domain[1]}`];
    case 'investor': {
      const [sv, en] = pick(rng, INVESTOR_TYPES);
      return [`${sv} för ${c.target[0]} i Örebro län`, `${en} for ${c.target[1]} in Örebro County`];
    }
    case 'establishment-offer': {
      const [psv, pen] = pick(rng, PREMISES);
      const [ssv, sen] = pick(rng, SITES);
      const hectares = 1 + Math.floor(rng() * 40);
      return chance(rng, 0.5)
        ? [`${psv} vid ${ssv} i ${c.place[0]}, ${hectares} hektar`, `${pen} at ${sen} in ${c.place[1]}, ${hectares} hectares`]
        : [`${psv} vid ${ssv} i ${c.place[0]}`, `${pen} at ${sen} in ${c.place[1]}`];
    }
  }
};

const grow = (rng: Rng, c: Ctx, first: P[], pool: Sentence[], target: number): P => {
  const sv: string[] = first.map((p) => p[0]);
  const en: string[] = first.map((p) => p[1]);
  let count = sv.reduce((n, s) => n + words(s), 0);
  const order = sample(rng, pool, pool.length);
  let i = 0;
  while (count < target && i < order.length) {
    const [s, e] = order[i++]!(c);
    if (sv.includes(s)) continue;
    sv.push(s);
    en.push(e);
    count += words(s);
  }
  return [sv.join(' '), en.join(' ')];
};

/** The doc at position `index` of the catalogue generated from `seed`. */
export const syntheticDoc = (seed: number, index: number): SearchDoc => {
  const rng = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  rng();
  const kind = weighted(rng, KIND_WEIGHTS);
  const theme = THEMES[weighted(rng, KIND_THEMES[kind])]!;
  const municipalities = municipalitiesFor(rng, kind);
  const countyWide = municipalities.length === MUNICIPALITIES.length;
  const home = countyWide ? '1880' : pick(rng, municipalities);
  const homeTown = TOWNS[home]!;
  const place: P = countyWide && chance(rng, 0.5) ? ['Örebro län', 'Örebro County'] : homeTown.town;

  const stageCount = weighted(rng, [[1, 4], [2, 4], [3, 2]] as const);
  const stages = new Set<string>();
  while (stages.size < Math.min(stageCount, theme.stages.length)) stages.add(weighted(rng, theme.stages));
  const firstStage = [...stages][0]!;

  const orgType = pick(rng, ORG_TYPES);
  const org: P = chance(rng, 0.5)
    ? [`${orgType[0]} i ${homeTown.town[0]}`, `${orgType[1]} ${homeTown.town[1]}`]
    : [`${homeTown.municipality[0]} ${orgType[0].toLowerCase()}`, `${homeTown.municipality[1]} ${orgType[1]}`];

  const c: Ctx = {
    org,
    place,
    placeGenitive: homeTown.genitive,
    target: pick(rng, TARGETS),
    service: pick(rng, theme.services),
    goal: pick(rng, theme.goals),
    stage: STAGE_TEXT[firstStage]!,
    industry: pick(rng, INDUSTRIES),
    domain: pick(rng, TESTBED_DOMAINS),
  };

  const name = nameFor(rng, kind, c);
  const subject = kind === 'actor' || kind === 'investor' ? name : org;
  const opening: P = kind === 'establishment-offer'
    ? [`${name[0]} för företag inom ${c.industry[0]} som vill ${c.goal[0]}.`,
      `${name[1]} for companies in ${c.industry[1]} that want to ${c.goal[1]}.`]
    : [`${subject[0]} erbjuder ${c.service[0]} för ${c.target[0]} i ${c.place[0]}.`,
      `${subject[1]} offers ${c.service[1]} for ${c.target[1]} in ${c.place[1]}.`];
  const second: P = [`Vi hjälper ${c.target[0]} att ${c.goal[0]}.`, `We help ${c.target[1]} to ${c.goal[1]}.`];
  const summary = grow(rng, c, [opening, second], [GENERIC[3]!, ...theme.sentences.slice(0, 2)], 16 + Math.floor(rng() * 10));

  const descriptionPool = [...theme.sentences, ...theme.sentences, ...GENERIC];
  const rare = chance(rng, 0.004) ? [RARE(c)] : [];
  const specific = extras(rng).map((e) => e(c));
  const description = grow(rng, c, [...rare, theme.sentences[0]!(c), ...specific], descriptionPool, 65 + Math.floor(rng() * 30));

  const areas = new Set<string>([theme.areas[0]]);
  if (theme.areas.length > 1 && chance(rng, 0.3)) areas.add(pick(rng, theme.areas.slice(1)));
  const supportTypes = sample(rng, theme.supportTypes, 1 + Math.floor(rng() * Math.min(3, theme.supportTypes.length)));
  const focus: FocusLevel = chance(rng, theme.spearhead) ? 'spearhead' : 'breadth';

  const hasEnglish = chance(rng, 0.85);
  const localized = ([sv, en]: P): Localized => (hasEnglish ? { sv, en } : { sv });
  return {
    id: `e-${String(index).padStart(6, '0')}`,
    kind,
    name: localized(name),
    summary: localized(summary),
    description: localized(description),
    areas: [...areas],
    stages: [...stages],
    municipalities,
    supportTypes,
    focus,
  };
};

/** N docs from `seed`; the same seed always gives the same catalogue. */
export const syntheticCatalogue = (n: number, seed = 20_251_127): SearchDoc[] =>
  Array.from({ length: n }, (_, i) => syntheticDoc(seed, i));
