import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  BusinessCalendarError,
  businessTimeBetween,
  isWithinBusinessHours,
  nextBusinessInstant,
  validateBusinessCalendar,
  timeZoneOffset,
  type BusinessCalendar,
} from './business-time.js';

// Every expected value below was worked out by hand from the calendar, a wall clock and the zone's offset;
// the comment beside it shows the sum. Dates used: 2026-01-12 Mon, 2026-01-16 Fri, 2026-01-19 Mon,
// 2026-03-06 Fri, 2026-03-08 Sun (New York springs forward 02:00 EST → 03:00 EDT at 07:00Z),
// 2026-03-29 Sun (London 01:00 GMT → 02:00 BST, Berlin 02:00 CET → 03:00 CEST, both at 01:00Z),
// 2026-10-25 Sun (London 02:00 BST → 01:00 GMT, Berlin 03:00 CEST → 02:00 CET, both at 01:00Z),
// 2026-11-01 Sun (New York 02:00 EDT → 01:00 EST at 06:00Z), 2026-12-24 Thu, 2026-12-28 Mon.

const H = 3_600_000;
const M = 60_000;
const iso = (date: Date) => date.toISOString();

const weekdaysOnly = (ranges: Array<{ start: string; end: string }>) => ({
  monday: ranges,
  tuesday: ranges,
  wednesday: ranges,
  thursday: ranges,
  friday: ranges,
});

/** London office, 09:00–12:30 and 13:30–17:00 on weekdays: 7 h a day with a lunch break. */
const londonOffice: BusinessCalendar = {
  timeZone: 'Europe/London',
  hours: weekdaysOnly([
    { start: '09:00', end: '12:30' },
    { start: '13:30', end: '17:00' },
  ]),
};

/** Same hours with a one-off holiday on Monday 19 January 2026 and Christmas + Boxing Day every year. */
const londonOfficeWithHolidays: BusinessCalendar = {
  ...londonOffice,
  holidays: [
    { date: '2026-01-19', name: 'Company day' },
    { date: '2020-12-25', recurring: true, name: 'Christmas Day' },
    { date: '2020-12-26', recurring: true, name: 'Boxing Day' },
  ],
};

/** Night shift 22:00–06:00 starting Monday to Friday; Monday 19 January 2026 is a holiday. */
const londonNightShift: BusinessCalendar = {
  timeZone: 'Europe/London',
  hours: weekdaysOnly([{ start: '22:00', end: '06:00' }]),
  holidays: [{ date: '2026-01-19' }],
};

const twentyFourSeven = (timeZone: string): BusinessCalendar => ({ timeZone, hours: '24x7' });

const sundayOnly = (timeZone: string, start: string, end: string): BusinessCalendar => ({
  timeZone,
  hours: { sunday: [{ start, end }] },
});

describe('addBusinessTime in a London office with a lunch break', () => {
  it('adds time within one morning', () => {
    // Mon 12 Jan 10:00 GMT (= 10:00Z) + 2 h; the morning runs to 12:30 → 12:00Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-12T10:00:00Z', 2 * H))).toBe('2026-01-12T12:00:00.000Z');
  });

  it('skips the lunch break', () => {
    // Mon 10:00 + 3 h: 10:00–12:30 uses 2.5 h, 0.5 h left from 13:30 → 14:00Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-12T10:00:00Z', 3 * H))).toBe('2026-01-12T14:00:00.000Z');
  });

  it('starts counting at opening for a ticket created before hours', () => {
    // Mon 07:15 + 1 h: nothing counts until 09:00, then 1 h → 10:00Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-12T07:15:00Z', H))).toBe('2026-01-12T10:00:00.000Z');
  });

  it('moves a ticket created after closing to the next morning', () => {
    // Mon 18:00 + 1 h: closed until Tue 09:00, + 1 h → Tue 13 Jan 10:00Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-12T18:00:00Z', H))).toBe('2026-01-13T10:00:00.000Z');
  });

  it('stops at the closing instant when the duration ends exactly there', () => {
    // Mon 09:00 + 7 h: 3.5 h morning + 3.5 h afternoon ends at 17:00 itself, not at Tue 09:00.
    expect(iso(addBusinessTime(londonOffice, '2026-01-12T09:00:00Z', 7 * H))).toBe('2026-01-12T17:00:00.000Z');
  });

  it('spans a weekend', () => {
    // Fri 16 Jan 15:00 + 4 h: Fri 15:00–17:00 = 2 h; Sat and Sun closed; Mon 19 Jan 09:00 + 2 h → 11:00Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-16T15:00:00Z', 4 * H))).toBe('2026-01-19T11:00:00.000Z');
  });

  it('counts from Monday opening for a ticket created on Saturday', () => {
    // Sat 17 Jan 12:00 + 30 min: nothing until Mon 19 Jan 09:00 → 09:30Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-17T12:00:00Z', 30 * M))).toBe('2026-01-19T09:30:00.000Z');
  });

  it('spans a weekend and a holiday', () => {
    // Fri 16 Jan 16:00 + 2 h: Fri 16:00–17:00 = 1 h; Sat, Sun closed; Mon 19 Jan is a holiday;
    // Tue 20 Jan 09:00 + 1 h → 10:00Z.
    expect(iso(addBusinessTime(londonOfficeWithHolidays, '2026-01-16T16:00:00Z', 2 * H))).toBe('2026-01-20T10:00:00.000Z');
  });

  it('skips a holiday that recurs every year', () => {
    // Thu 24 Dec 2026 16:00 + 2 h: Thu 16:00–17:00 = 1 h; Fri 25 Dec (recurring from 2020) closed;
    // Sat 26, Sun 27 weekend; Mon 28 Dec 09:00 + 1 h → 10:00Z.
    expect(iso(addBusinessTime(londonOfficeWithHolidays, '2026-12-24T16:00:00Z', 2 * H))).toBe('2026-12-28T10:00:00.000Z');
  });

  it('spans several weeks of business days', () => {
    // Wed 14 Jan 11:00 + 35 h = 5 business days of 7 h: Wed 11:00–17:00 = 5 h (1.5 + 3.5);
    // Thu 7, Fri 7 → 19 h; Mon 19 Jan 7 → 26 h; Tue 7 → 33 h; Wed 21 Jan needs 2 h: 09:00 + 2 h → 11:00Z.
    expect(iso(addBusinessTime(londonOffice, '2026-01-14T11:00:00Z', 35 * H))).toBe('2026-01-21T11:00:00.000Z');
  });

  it('returns the start itself for a zero duration, even outside hours', () => {
    // Sat 17 Jan 12:00 + 0 → Sat 12:00: no business time is needed, so no time passes.
    expect(iso(addBusinessTime(londonOffice, '2026-01-17T12:00:00Z', 0))).toBe('2026-01-17T12:00:00.000Z');
  });

  it('refuses a negative or fractional duration', () => {
    expect(() => addBusinessTime(londonOffice, '2026-01-12T10:00:00Z', -1)).toThrow(BusinessCalendarError);
    expect(() => addBusinessTime(londonOffice, '2026-01-12T10:00:00Z', 0.5)).toThrow(BusinessCalendarError);
  });
});

describe('businessTimeBetween in a London office', () => {
  it('counts across the lunch break', () => {
    // Mon 12:00 → 14:00: 12:00–12:30 = 30 min, 13:30–14:00 = 30 min → 1 h.
    expect(businessTimeBetween(londonOffice, '2026-01-12T12:00:00Z', '2026-01-12T14:00:00Z')).toBe(H);
  });

  it('counts across a weekend', () => {
    // Fri 16 Jan 16:00 → Mon 19 Jan 10:00: Fri 16:00–17:00 = 1 h + Mon 09:00–10:00 = 1 h → 2 h.
    expect(businessTimeBetween(londonOffice, '2026-01-16T16:00:00Z', '2026-01-19T10:00:00Z')).toBe(2 * H);
  });

  it('counts nothing on a holiday', () => {
    // Fri 16 Jan 16:00 → Tue 20 Jan 10:00 with Mon 19 a holiday: Fri 1 h + Tue 09:00–10:00 1 h → 2 h.
    expect(businessTimeBetween(londonOfficeWithHolidays, '2026-01-16T16:00:00Z', '2026-01-20T10:00:00Z')).toBe(2 * H);
  });

  it('is zero for an empty span and negative when reversed', () => {
    expect(businessTimeBetween(londonOffice, '2026-01-12T10:00:00Z', '2026-01-12T10:00:00Z')).toBe(0);
    // Mon 11:00 → 10:00 reversed: −(10:00–11:00 = 1 h).
    expect(businessTimeBetween(londonOffice, '2026-01-12T11:00:00Z', '2026-01-12T10:00:00Z')).toBe(-H);
  });
});

describe('opening hours in a London office', () => {
  it('includes the opening instant and excludes the closing one', () => {
    expect(isWithinBusinessHours(londonOffice, '2026-01-12T09:00:00Z')).toBe(true); // Mon 09:00 opens
    expect(isWithinBusinessHours(londonOffice, '2026-01-12T12:45:00Z')).toBe(false); // lunch
    expect(isWithinBusinessHours(londonOffice, '2026-01-12T17:00:00Z')).toBe(false); // closed at 17:00
    expect(isWithinBusinessHours(londonOfficeWithHolidays, '2026-01-19T10:00:00Z')).toBe(false); // holiday
  });

  it('finds the next opening', () => {
    // Lunch at 12:45 → reopens 13:30; Sat 17 Jan → Mon 19 Jan 09:00; open at 10:00 → itself.
    expect(iso(nextBusinessInstant(londonOffice, '2026-01-12T12:45:00Z'))).toBe('2026-01-12T13:30:00.000Z');
    expect(iso(nextBusinessInstant(londonOffice, '2026-01-17T12:00:00Z'))).toBe('2026-01-19T09:00:00.000Z');
    expect(iso(nextBusinessInstant(londonOffice, '2026-01-12T10:00:00Z'))).toBe('2026-01-12T10:00:00.000Z');
  });
});

describe('overnight ranges belong to the day they start', () => {
  it('runs a Friday night shift into Saturday morning', () => {
    // Fri 16 Jan 23:00 + 3 h: the Friday 22:00–06:00 range is open until Sat 06:00 → Sat 02:00Z.
    expect(iso(addBusinessTime(londonNightShift, '2026-01-16T23:00:00Z', 3 * H))).toBe('2026-01-17T02:00:00.000Z');
  });

  it('closes the whole shift when the day it starts on is a holiday', () => {
    // Sat 17 Jan 07:00 + 1 h: Fri's shift ended at 06:00; no shift starts Sat or Sun; Mon 19 is a holiday,
    // so Mon 22:00–Tue 06:00 is closed too; Tue 20 Jan 22:00 + 1 h → 23:00Z.
    expect(iso(addBusinessTime(londonNightShift, '2026-01-17T07:00:00Z', H))).toBe('2026-01-20T23:00:00.000Z');
  });

  it('keeps the shift open into a holiday morning when it started the day before', () => {
    // Holiday on Tue 20 Jan: the Monday shift 22:00–Tue 06:00 still counts. Mon 19 Jan 20:00 → Tue 20 Jan 12:00:
    // Mon 22:00–Tue 06:00 = 8 h.
    const calendar: BusinessCalendar = { ...londonNightShift, holidays: [{ date: '2026-01-20' }] };
    expect(businessTimeBetween(calendar, '2026-01-19T20:00:00Z', '2026-01-20T12:00:00Z')).toBe(8 * H);
    expect(isWithinBusinessHours(calendar, '2026-01-20T05:59:00Z')).toBe(true); // Tue 05:59, Monday's shift
  });

  it('counts overlapping ranges once', () => {
    // Mon 22:00–06:00 and Tue 05:00–13:00 overlap 05:00–06:00. Mon 21:00 → Tue 14:00: union 22:00–13:00 = 15 h.
    const calendar: BusinessCalendar = {
      timeZone: 'Europe/London',
      hours: { monday: [{ start: '22:00', end: '06:00' }], tuesday: [{ start: '05:00', end: '13:00' }] },
    };
    expect(businessTimeBetween(calendar, '2026-01-12T21:00:00Z', '2026-01-13T14:00:00Z')).toBe(15 * H);
  });
});

describe('daylight saving in Europe/London', () => {
  it('counts real hours in a 24×7 calendar across spring forward', () => {
    // Sat 28 Mar 12:00 GMT (12:00Z) + 24 h → Sun 29 Mar 12:00Z, which is 13:00 BST on the wall.
    expect(iso(addBusinessTime(twentyFourSeven('Europe/London'), '2026-03-28T12:00:00Z', 24 * H))).toBe('2026-03-29T12:00:00.000Z');
  });

  it('shortens a range that contains the missing hour', () => {
    // Sun 29 Mar 00:00–04:00: opens 00:00 GMT = 00:00Z, closes 04:00 BST = 03:00Z → 3 h.
    const calendar = sundayOnly('Europe/London', '00:00', '04:00');
    expect(businessTimeBetween(calendar, '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toBe(3 * H);
    // Opening 00:00Z + 2.5 h → 02:30Z (03:30 BST on the wall).
    expect(iso(addBusinessTime(calendar, '2026-03-29T00:00:00Z', 2.5 * H))).toBe('2026-03-29T02:30:00.000Z');
  });

  it('opens at the transition when the opening time is skipped', () => {
    // Sun 29 Mar 01:30–03:00: the wall never shows 01:30, so it opens at 02:00 BST = 01:00Z; closes 03:00 BST = 02:00Z → 1 h.
    const calendar = sundayOnly('Europe/London', '01:30', '03:00');
    expect(businessTimeBetween(calendar, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(H);
    expect(iso(nextBusinessInstant(calendar, '2026-03-28T12:00:00Z'))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('lengthens a range that contains the repeated hour', () => {
    // Sun 25 Oct 00:00–04:00: opens 00:00 BST = Sat 24 Oct 23:00Z, closes 04:00 GMT = 04:00Z → 5 h.
    const calendar = sundayOnly('Europe/London', '00:00', '04:00');
    expect(businessTimeBetween(calendar, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toBe(5 * H);
    // Opening 23:00Z + 4.5 h → 03:30Z (03:30 GMT on the wall): the repeated hour was worked.
    expect(iso(addBusinessTime(calendar, '2026-10-24T23:00:00Z', 4.5 * H))).toBe('2026-10-25T03:30:00.000Z');
  });

  it('opens at the first occurrence of a repeated opening time', () => {
    // Sun 25 Oct 01:30–03:00: first 01:30 is BST = 00:30Z; 03:00 GMT = 03:00Z → 2.5 h.
    const calendar = sundayOnly('Europe/London', '01:30', '03:00');
    expect(businessTimeBetween(calendar, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(2.5 * H);
  });

  it('runs a night shift through the fall-back night', () => {
    // Sat 24 Oct 22:00 BST (21:00Z) → Sun 06:00 GMT (06:00Z) = 9 h; shift on Saturdays only.
    const calendar: BusinessCalendar = { timeZone: 'Europe/London', hours: { saturday: [{ start: '22:00', end: '06:00' }] } };
    expect(businessTimeBetween(calendar, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(9 * H);
  });
});

describe('daylight saving in Europe/Berlin', () => {
  it('shortens a range across spring forward', () => {
    // Sun 29 Mar 01:00–05:00: 01:00 CET = 00:00Z, 05:00 CEST = 03:00Z → 3 h.
    expect(businessTimeBetween(sundayOnly('Europe/Berlin', '01:00', '05:00'), '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(3 * H);
  });

  it('lengthens a range across fall back', () => {
    // Sun 25 Oct 01:00–05:00: 01:00 CEST = Sat 23:00Z, 05:00 CET = 04:00Z → 5 h.
    expect(businessTimeBetween(sundayOnly('Europe/Berlin', '01:00', '05:00'), '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(5 * H);
  });
});

describe('daylight saving in America/New_York', () => {
  const nightShift: BusinessCalendar = { timeZone: 'America/New_York', hours: { saturday: [{ start: '22:00', end: '06:00' }] } };

  it('shortens a night shift across spring forward', () => {
    // Sat 7 Mar 22:00 EST = Sun 8 Mar 03:00Z; Sun 06:00 EDT = 10:00Z → 7 h.
    expect(businessTimeBetween(nightShift, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toBe(7 * H);
    // 03:00Z + 7 h → 10:00Z, the shift's end.
    expect(iso(addBusinessTime(nightShift, '2026-03-07T12:00:00Z', 7 * H))).toBe('2026-03-08T10:00:00.000Z');
  });

  it('lengthens a night shift across fall back', () => {
    // Sat 31 Oct 22:00 EDT = Sun 1 Nov 02:00Z; Sun 06:00 EST = 11:00Z → 9 h.
    expect(businessTimeBetween(nightShift, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toBe(9 * H);
  });

  it('moves the UTC opening time when the weekend crosses the change', () => {
    // 09:00–17:00 weekdays. Fri 6 Mar 16:00 EST (21:00Z) + 2 h: Fri 1 h; Mon 9 Mar 09:00 EDT = 13:00Z + 1 h → 14:00Z.
    const office: BusinessCalendar = { timeZone: 'America/New_York', hours: weekdaysOnly([{ start: '09:00', end: '17:00' }]) };
    expect(iso(addBusinessTime(office, '2026-03-06T21:00:00Z', 2 * H))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('counts the repeated hour in a 24×7 calendar', () => {
    // Sat 31 Oct 12:00 EDT (16:00Z) → Sun 1 Nov 12:00 EST (17:00Z): 25 real hours between equal wall times.
    expect(businessTimeBetween(twentyFourSeven('America/New_York'), '2026-10-31T16:00:00Z', '2026-11-01T17:00:00Z')).toBe(25 * H);
  });
});

describe('a half-hour offset in Asia/Kolkata', () => {
  const bangalore: BusinessCalendar = { timeZone: 'Asia/Kolkata', hours: weekdaysOnly([{ start: '09:30', end: '18:00' }]) };

  it('carries a Friday-evening ticket to Monday', () => {
    // Fri 16 Jan 17:00 IST (= 11:30Z) + 4 h: Fri 17:00–18:00 = 1 h; Mon 19 Jan 09:30 IST (= 04:00Z) + 3 h → 07:00Z.
    expect(iso(addBusinessTime(bangalore, '2026-01-16T11:30:00Z', 4 * H))).toBe('2026-01-19T07:00:00.000Z');
  });

  it('opens at 04:00Z', () => {
    // Mon 19 Jan 09:30 IST − 05:30 = 04:00Z; 03:59Z is 09:29 IST, closed.
    expect(isWithinBusinessHours(bangalore, '2026-01-19T04:00:00Z')).toBe(true);
    expect(isWithinBusinessHours(bangalore, '2026-01-19T03:59:00Z')).toBe(false);
  });
});

describe('24×7 calendars', () => {
  it('counts every millisecond', () => {
    // Sat 17 Jan 12:00Z + 36 h → Mon 19 Jan 00:00Z; between is the real difference.
    const calendar = twentyFourSeven('Asia/Kolkata');
    expect(iso(addBusinessTime(calendar, '2026-01-17T12:00:00Z', 36 * H))).toBe('2026-01-19T00:00:00.000Z');
    expect(businessTimeBetween(calendar, '2026-01-17T12:00:00Z', '2026-01-19T00:00:00Z')).toBe(36 * H);
    expect(isWithinBusinessHours(calendar, '2026-01-17T03:17:00Z')).toBe(true);
  });

  it('still closes a listed holiday for its whole local day', () => {
    // Holiday Fri 25 Dec 2026 in London (GMT = UTC): Thu 24 Dec 12:00Z + 24 h: 12 h on Thu; Fri closed;
    // Sat 26 Dec 00:00Z + 12 h → 12:00Z.
    const calendar: BusinessCalendar = { ...twentyFourSeven('Europe/London'), holidays: [{ date: '2026-12-25' }] };
    expect(iso(addBusinessTime(calendar, '2026-12-24T12:00:00Z', 24 * H))).toBe('2026-12-26T12:00:00.000Z');
  });
});

describe('invalid calendars', () => {
  it('refuses a calendar with no hours at all', () => {
    const calendar: BusinessCalendar = { timeZone: 'Europe/London', hours: {} };
    expect(() => addBusinessTime(calendar, '2026-01-12T10:00:00Z', H)).toThrow(
      expect.objectContaining({ code: 'calendar_has_no_hours' }),
    );
  });

  it('refuses an unknown time zone, a malformed or empty range, and a malformed holiday', () => {
    const codeOf = (calendar: BusinessCalendar) => {
      try {
        validateBusinessCalendar(calendar);
        return 'valid';
      } catch (error) {
        return (error as BusinessCalendarError).code;
      }
    };
    const nineToFive = weekdaysOnly([{ start: '09:00', end: '17:00' }]);
    expect(codeOf({ timeZone: 'Mars/Olympus_Mons', hours: nineToFive })).toBe('invalid_time_zone');
    expect(codeOf({ timeZone: 'UTC', hours: { monday: [{ start: '9:00', end: '17:00' }] } })).toBe('invalid_time_range');
    expect(codeOf({ timeZone: 'UTC', hours: { monday: [{ start: '09:00', end: '09:00' }] } })).toBe('invalid_time_range');
    expect(codeOf({ timeZone: 'UTC', hours: { monday: [{ start: '24:00', end: '09:00' }] } })).toBe('invalid_time_range');
    expect(codeOf({ timeZone: 'UTC', hours: nineToFive, holidays: [{ date: '2026-02-30' }] })).toBe('invalid_holiday');
    expect(codeOf({ timeZone: 'UTC', hours: { sunday: [{ start: '00:00', end: '24:00' }] } })).toBe('valid');
  });

  it('fails instead of searching forever when holidays close every open day', () => {
    // Every day of the leap year 2024, 1 Jan … 31 Dec including 29 Feb, recurs as a holiday: never open.
    const calendar: BusinessCalendar = {
      timeZone: 'UTC',
      hours: weekdaysOnly([{ start: '09:00', end: '17:00' }]),
      holidays: Array.from({ length: 366 }, (_, index) => ({
        date: new Date(Date.UTC(2024, 0, 1) + index * 86_400_000).toISOString().slice(0, 10),
        recurring: true,
      })),
    };
    expect(() => nextBusinessInstant(calendar, '2026-01-12T10:00:00Z')).toThrow(
      expect.objectContaining({ code: 'calendar_has_no_hours' }),
    );
  });
});

describe('time zone offsets', () => {
  // Read independently of the module: the wall clock Intl shows, taken apart and compared to UTC.
  function offsetFromIntl(format: Intl.DateTimeFormat, instantMs: number): number {
    const parts = format.formatToParts(instantMs);
    const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second')) - Math.floor(instantMs / 1000) * 1000;
  }

  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Tehran'])(
    'agree with Intl every 97 minutes from 2019 to 2027 in %s, including half-hour shifts and transitions off the hour',
    (timeZone) => {
      const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      const disagreements: string[] = [];
      for (let at = Date.UTC(2019, 0, 1); at < Date.UTC(2027, 0, 1); at += 97 * 60_000 + 1_234) {
        const expected = offsetFromIntl(format, at);
        if (timeZoneOffset(timeZone, at) !== expected) disagreements.push(`${new Date(at).toISOString()}: ${timeZoneOffset(timeZone, at)} ≠ ${expected}`);
      }
      expect(disagreements).toEqual([]);
      // The transition instants themselves, to the second: Berlin springs forward at 01:00 UTC on 2026-03-29.
      if (timeZone === 'Europe/Berlin') {
        expect(timeZoneOffset(timeZone, Date.UTC(2026, 2, 29, 0, 59, 59, 999))).toBe(3_600_000);
        expect(timeZoneOffset(timeZone, Date.UTC(2026, 2, 29, 1, 0, 0))).toBe(7_200_000);
      }
    },
  );
});
