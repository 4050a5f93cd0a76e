/**
 * The text of a "referral received" message, Swedish then English in one message. Built only from
 * the link: nothing about the company, its number, its need or its contact can end up in it.
 */
import type { ReferralReceivedNotice } from '#shared/ports/notifier.ts';

export const NO_INTAKE_ADDRESS = 'the receiving organisation has no referral intake address (referralIntakeEmail)';

export const referralReceivedMessage = (notice: Pick<ReferralReceivedNotice, 'link'>): { subject: string; text: string } => ({
  subject: 'Ny hänvisning i Vägvisaren / New referral in Vägvisaren',
  text: [
    'Hej!',
    '',
    'Er organisation har fått en ny hänvisning av ett företag i Vägvisaren. Logga in för att läsa den och svara:',
    notice.link,
    '',
    'Meddelandet innehåller inga uppgifter om företaget; de finns bara i Vägvisaren.',
    '',
    '—',
    '',
    'Hello,',
    '',
    'Your organisation has received a new referral in Vägvisaren. Sign in to read it and answer:',
    notice.link,
    '',
    'This message holds no details about the company; they are only in Vägvisaren.',
    '',
  ].join('\n'),
});
