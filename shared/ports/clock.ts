/** The clock port, so services and tests agree on what "now" and "today" are. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const SWEDISH_ISO_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

const MINUTE_MS = 60_000;
/** The last minute formatted: Sweden's days begin on a whole UTC minute, so every instant of a minute has one date. */
let lastFormatted = { minute: Number.NaN, date: '' };

/** Today's date in Sweden as an ISO date (the catalogue's validity dates are Swedish calendar days). */
export const swedishDate = (instant: Date): string => {
  const minute = Math.floor(instant.getTime() / MINUTE_MS);
  if (minute !== lastFormatted.minute) lastFormatted = { minute, date: SWEDISH_ISO_DATE.format(instant) };
  return lastFormatted.date;
};
