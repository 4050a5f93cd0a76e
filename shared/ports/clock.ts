/** The clock port, so services and tests agree on what "now" and "today" are. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Today's date in Sweden as an ISO date (the catalogue's validity dates are Swedish calendar days). */
const SWEDISH_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
export const swedishDate = (instant: Date): string => SWEDISH_DATE.format(instant);
