import { describe, expect, it } from 'vitest';
import { addWorkingDays, isOverdue } from '#shared/domain/referral-lifecycle.ts';
import { easterSunday, isSwedishWorkingDay, swedishNonWorkingDays } from '#shared/domain/swedish-holidays.ts';

describe('Swedish holidays', () => {
  it('finds Easter Sunday by the anonymous Gregorian algorithm', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the moveable and fixed holidays and the non-working eves of 2027', () => {
    const days = swedishNonWorkingDays(2027);
    expect(days.get('2027-03-26')).toBe('Good Friday');
    expect(days.get('2027-03-29')).toBe('Easter Monday');
    expect(days.get('2027-05-06')).toBe('Ascension Day');
    expect(days.get('2027-06-25')).toBe('Midsummer Eve');
    expect(days.get('2027-06-26')).toBe('Midsummer Day');
    expect(days.get('2027-11-06')).toBe("All Saints' Day");
    for (const date of ['2027-01-01', '2027-01-06', '2027-05-01', '2027-06-06', '2027-12-24', '2027-12-25', '2027-12-26', '2027-12-31']) expect(days.has(date), date).toBe(true);
    expect(days.has('2027-05-17')).toBe(false); // Whit Monday is no longer a holiday
  });

  it('puts Midsummer Day on the Saturday 20–26 June and All Saints on the Saturday 31 October–6 November', () => {
    expect(swedishNonWorkingDays(2026).get('2026-06-20')).toBe('Midsummer Day');
    expect(swedishNonWorkingDays(2026).get('2026-06-19')).toBe('Midsummer Eve');
    expect(swedishNonWorkingDays(2026).get('2026-10-31')).toBe("All Saints' Day");
  });

  it('knows working days from weekends, holidays and eves', () => {
    expect(isSwedishWorkingDay('2027-03-25')).toBe(true); // Maundy Thursday works
    expect(isSwedishWorkingDay('2027-03-26')).toBe(false);
    expect(isSwedishWorkingDay('2027-03-27')).toBe(false);
    expect(isSwedishWorkingDay('2026-12-24')).toBe(false);
    expect(isSwedishWorkingDay('2026-06-19')).toBe(false);
    expect(isSwedishWorkingDay('2026-12-28')).toBe(true);
  });
});

describe('overdue in Swedish working days', () => {
  it('counts a referral sent on Maundy Thursday 2027 as overdue only on the Wednesday after Easter', () => {
    const sent = { status: 'sent' as const, createdAt: '2027-03-25T09:00:00.000Z' }; // 10:00 in Stockholm
    expect(addWorkingDays(new Date(sent.createdAt), 2).toISOString()).toBe('2027-03-31T08:00:00.000Z'); // 10:00 summer time
    expect(isOverdue(sent, new Date('2027-03-30T15:00:00Z'), 2)).toBe(false);
    expect(isOverdue(sent, new Date('2027-03-31T07:59:59Z'), 2)).toBe(false);
    expect(isOverdue(sent, new Date('2027-03-31T08:00:00Z'), 2)).toBe(true);
  });

  it('skips Christmas: sent on 23 December 2026, two working days later is 29 December', () => {
    expect(addWorkingDays(new Date('2026-12-23T13:00:00Z'), 2).toISOString()).toBe('2026-12-29T13:00:00.000Z');
  });

  it('uses the Stockholm date: 23:30 UTC on a Friday is already Saturday in Stockholm', () => {
    // Friday 23:30Z is Saturday 00:30 in Stockholm: two working days on is Tuesday 00:30 there, Monday 23:30Z.
    expect(addWorkingDays(new Date('2026-11-27T23:30:00Z'), 2).toISOString()).toBe('2026-11-30T23:30:00.000Z');
  });
});
