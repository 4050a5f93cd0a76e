/**
 * Swedish non-working days, pure: the public holidays (helgdagar) that fall on weekdays and the de
 * facto non-working eves (midsummer, Christmas and New Year's eve), computed per year, and the
 * Europe/Stockholm calendar date of an instant. Dates are ISO `YYYY-MM-DD` strings.
 */

const iso = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const shifted = (date: string, days: number): string => {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
};

/** Easter Sunday of `year` (Gregorian), by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export const easterSunday = (year: number): string => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
};

/** The Saturday among `days` consecutive days from `year-month-firstDay`. */
const saturdayFrom = (year: number, month: number, firstDay: number): string => {
  const first = new Date(Date.UTC(year, month - 1, firstDay));
  return shifted(iso(year, month, firstDay), (6 - first.getUTCDay() + 7) % 7);
};

/** The public holidays and non-working eves of `year`, by name, as ISO dates. */
export const swedishNonWorkingDays = (year: number): ReadonlyMap<string, string> => {
  const easter = easterSunday(year);
  const midsummerDay = saturdayFrom(year, 6, 20);
  return new Map([
    [iso(year, 1, 1), "New Year's Day"],
    [iso(year, 1, 6), 'Epiphany'],
    [shifted(easter, -2), 'Good Friday'],
    [easter, 'Easter Sunday'],
    [shifted(easter, 1), 'Easter Monday'],
    [iso(year, 5, 1), 'May Day'],
    [shifted(easter, 39), 'Ascension Day'],
    [shifted(easter, 49), 'Whit Sunday'],
    [iso(year, 6, 6), 'National Day'],
    [shifted(midsummerDay, -1), 'Midsummer Eve'],
    [midsummerDay, 'Midsummer Day'],
    [saturdayFrom(year, 10, 31), "All Saints' Day"],
    [iso(year, 12, 24), 'Christmas Eve'],
    [iso(year, 12, 25), 'Christmas Day'],
    [iso(year, 12, 26), 'Boxing Day'],
    [iso(year, 12, 31), "New Year's Eve"],
  ]);
};

const cache = new Map<number, ReadonlyMap<string, string>>();
const daysOf = (year: number) => {
  let days = cache.get(year);
  if (!days) {
    days = swedishNonWorkingDays(year);
    cache.set(year, days);
  }
  return days;
};

/** True for a Swedish public holiday or non-working eve. */
export const isSwedishHoliday = (date: string): boolean => daysOf(Number(date.slice(0, 4))).has(date);

/** True for Monday to Friday that is neither a public holiday nor a non-working eve. */
export const isSwedishWorkingDay = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isSwedishHoliday(date);
};

/** The day after (or `days` after) an ISO date. */
export const addCalendarDays = shifted;

const STOCKHOLM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Stockholm wall-clock time of an instant: its date and its milliseconds since local midnight. */
export const stockholmWallClock = (instant: Date): { date: string; msOfDay: number } => {
  const parts = Object.fromEntries(STOCKHOLM.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    msOfDay: ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + instant.getUTCMilliseconds(),
  };
};

/** The instant at which Stockholm's clock shows `date` plus `msOfDay` (the later reading when a DST change repeats it). */
export const stockholmInstant = (date: string, msOfDay: number): Date => {
  const wall = Date.parse(`${date}T00:00:00Z`) + msOfDay;
  let guess = wall;
  for (let i = 0; i < 3; i += 1) {
    const seen = stockholmWallClock(new Date(guess));
    const offset = Date.parse(`${seen.date}T00:00:00Z`) + seen.msOfDay - guess;
    guess = wall - offset;
  }
  return new Date(guess);
};
