/**
 * The development outbox page (GET /dev/outbox, local runtime only): the referral notices the local
 * outbox holds, newest first, in a table, so a developer can follow the link a receiving
 * organisation would get. Never cached; mounted only when the composition provides an outbox.
 */
import type { Context } from 'hono';
import type { Language } from '#shared/domain/text.ts';
import type { OutboxMessage, OutboxReader } from '#shared/ports/notifier.ts';
import type { AppEnv } from '../../env.ts';
import { badRequestPage } from '../errors.tsx';
import { renderPage } from '../layout.tsx';
import { messagesFor } from '../messages/index.ts';
import { readLang } from '../params.ts';

const TEXT = {
  sv: {
    title: 'Utkorg (utveckling)',
    lead: 'Meddelanden som skulle ha skickats till organisationer som fått en remiss. Sidan finns bara när Vägvisaren körs lokalt.',
    caption: (n: number) => `${n} ${n === 1 ? 'meddelande' : 'meddelanden'}, nyast först`,
    empty: 'Utkorgen är tom. Skicka en remiss så hamnar meddelandet till den mottagande organisationen här.',
    at: 'Tid',
    to: 'Mottagare',
    status: 'Status',
    subject: 'Ämne',
    link: 'Länk',
    text: 'Visa texten',
    delivered: 'Skulle ha skickats',
    undeliverable: 'Kunde inte skickas',
    noAddress: 'ingen adress',
  },
  en: {
    title: 'Outbox (development)',
    lead: 'Messages that would have been sent to organisations that received a referral. This page exists only when Vägvisaren runs locally.',
    caption: (n: number) => `${n} ${n === 1 ? 'message' : 'messages'}, newest first`,
    empty: 'The outbox is empty. Send a referral and the message to the receiving organisation lands here.',
    at: 'Time',
    to: 'Recipient',
    status: 'Status',
    subject: 'Subject',
    link: 'Link',
    text: 'Show the text',
    delivered: 'Would have been sent',
    undeliverable: 'Undeliverable',
    noAddress: 'no address',
  },
} as const;

const Outbox = (props: { lang: Language; messages: readonly OutboxMessage[] }) => {
  const d = TEXT[props.lang];
  return (
    <>
      <h1>{d.title}</h1>
      <p class="lead">{d.lead}</p>
      {props.messages.length === 0 ? (
        <p>{d.empty}</p>
      ) : (
        <table>
          <caption>{d.caption(props.messages.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{d.at}</th>
              <th scope="col">{d.to}</th>
              <th scope="col">{d.status}</th>
              <th scope="col">{d.subject}</th>
              <th scope="col">{d.link}</th>
            </tr>
          </thead>
          <tbody>
            {props.messages.map((m) => (
              <tr>
                <th scope="row">
                  <time datetime={m.at}>{m.at}</time>
                </th>
                <td>{m.to ?? <em>{d.noAddress}</em>}</td>
                <td>{m.delivered ? d.delivered : `${d.undeliverable}: ${m.reason ?? ''}`}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre>{m.text}</pre>
                  </details>
                </td>
                <td>
                  <a href={m.link}>{m.link}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};

export const devOutboxHandler = (outbox: OutboxReader) => async (c: Context<AppEnv>) => {
  const { lang, issues } = readLang(c.req.queries());
  const t = messagesFor(lang);
  if (issues.length > 0) return badRequestPage(c, t, issues);
  return renderPage(c, { t, title: TEXT[t.lang].title, cache: 'no-store' }, <Outbox lang={t.lang} messages={await outbox.list()} />);
};
