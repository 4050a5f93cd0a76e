/** The demonstration accounts of the local runtime, one per role; actor staff belong to real seeded actors. */
import type { Role } from '#shared/domain/identity.ts';

export type DemoUser = { username: string; name: string; roles: Role[]; organisationId?: string; description: { sv: string; en: string } };

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'demo-admin', name: 'Demo Administratör', roles: ['admin'], description: { sv: 'Administrerar hela katalogen och följer upp.', en: 'Administers the whole catalogue and follows up.' } },
  { username: 'demo-editor', name: 'Demo Redaktör', roles: ['editor'], description: { sv: 'Håller katalogen aktuell.', en: 'Keeps the catalogue current.' } },
  { username: 'demo-advisor', name: 'Demo Rådgivare', roles: ['advisor'], description: { sv: 'Slussar företag till rätt aktör.', en: 'Refers companies to the right actor.' } },
  { username: 'demo-almi', name: 'Demo Almi-medarbetare', roles: ['actor-staff'], organisationId: 'almi-foretagspartner-malardalen', description: { sv: 'Medarbetare på Almi Företagspartner Mälardalen.', en: 'Staff at Almi Företagspartner Mälardalen.' } },
  { username: 'demo-inkubera', name: 'Demo Inkubera-medarbetare', roles: ['actor-staff'], organisationId: 'inkubera', description: { sv: 'Medarbetare på Inkubera.', en: 'Staff at Inkubera.' } },
  { username: 'demo-follow-up', name: 'Demo Uppföljare', roles: ['follow-up'], description: { sv: 'Följer upp stödsystemet åt regionen: täckning, efterfrågan, hänvisningar och rapporten till regionala tillväxtnämnden (läsbehörighet).', en: 'Follows up the support system for the region: coverage, demand, referrals and the report to the regional development board (read only).' } },
  { username: 'demo-investment', name: 'Demo Investeringsfrämjare', roles: ['investment-promotion'], description: { sv: 'Listar etableringserbjudanden (mark och lokaler).', en: 'Lists establishment offers (land and premises).' } },
];
