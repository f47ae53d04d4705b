import { describe, expect, it } from 'vitest';
import { maintenanceWindowOccurrences } from '../../../shared/domain/upgrades';
import { exampleBody } from './support/versions';

const window = (overrides: Record<string, unknown>) => ({
  schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Tuesday' } },
  durationHours: 4,
  utcOffset: '+00:00',
  startTime: '01:00',
  ...overrides,
});
const interval = (start: string, hours: number) => ({
  start,
  end: new Date(Date.parse(start) + hours * 3_600_000).toISOString().replace('.000Z', 'Z'),
});
const starts = (result: ReturnType<typeof maintenanceWindowOccurrences>) =>
  result.ok ? result.next.map((next) => next.start) : result.errors;

describe('maintenanceWindowOccurrences: the planned-maintenance.md examples', () => {
  // learn.microsoft.com/azure/aks/planned-maintenance ("Add a maintenance window configuration", JSON file).
  it('every Tuesday 01:00–05:00 UTC, not from 2021-05-26 to 2021-05-30', () => {
    const maintenanceWindow = window({ notAllowedDates: [{ start: '2021-05-26', end: '2021-05-30' }] });
    expect(maintenanceWindowOccurrences({ maintenanceWindow, now: '2021-05-24T12:00:00Z' })).toEqual({
      ok: true,
      open: false,
      next: [
        interval('2021-05-25T01:00:00Z', 4),
        interval('2021-06-01T01:00:00Z', 4),
        interval('2021-06-08T01:00:00Z', 4),
      ],
      skipped: [],
      blockedIntervalsUtc: [{ start: '2021-05-26T00:00:00Z', end: '2021-05-31T00:00:00Z' }],
    });
  });

  it('the same block suppresses a Wednesday window inside it', () => {
    const maintenanceWindow = window({
      schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Wednesday' } },
      notAllowedDates: [{ start: '2021-05-26', end: '2021-05-30' }],
    });
    const result = maintenanceWindowOccurrences({ maintenanceWindow, now: '2021-05-24T12:00:00Z' });
    expect(starts(result)).toEqual(['2021-06-02T01:00:00Z', '2021-06-09T01:00:00Z', '2021-06-16T01:00:00Z']);
    expect(result.ok && result.skipped).toEqual(['2021-05-26T01:00:00Z']);
  });

  it('every three months on the 1st, 09:00–13:00 at -08:00, from 2023-01-20, not over the holidays', () => {
    const maintenanceWindow = {
      schedule: { absoluteMonthly: { intervalMonths: 3, dayOfMonth: 1 } },
      durationHours: 4,
      utcOffset: '-08:00',
      startTime: '09:00',
      startDate: '2023-01-20',
      notAllowedDates: [{ start: '2023-12-23', end: '2024-01-05' }],
    };
    expect(
      maintenanceWindowOccurrences({ maintenanceWindow, now: '2023-01-20T00:00:00Z', count: 4 }),
    ).toEqual({
      ok: true,
      open: false,
      next: [
        interval('2023-04-01T17:00:00Z', 4),
        interval('2023-07-01T17:00:00Z', 4),
        interval('2023-10-01T17:00:00Z', 4),
        interval('2024-04-01T17:00:00Z', 4),
      ],
      skipped: ['2024-01-01T17:00:00Z'],
      blockedIntervalsUtc: [{ start: '2023-12-23T08:00:00Z', end: '2024-01-06T08:00:00Z' }],
    });
  });

  // The MaintenanceWindow field docs (@azure/arm-containerservice): utcOffset applies to startTime and notAllowedDates.
  it("'02:00' at +02:00 opens at 00:00 UTC; 2022-12-23..2023-01-03 at +02:00 blocks 2022-12-22 22:00 to 2023-01-03 22:00 UTC", () => {
    const maintenanceWindow = window({
      schedule: { daily: { intervalDays: 1 } },
      utcOffset: '+02:00',
      startTime: '02:00',
      notAllowedDates: [{ start: '2022-12-23', end: '2023-01-03' }],
    });
    const result = maintenanceWindowOccurrences({ maintenanceWindow, now: '2022-12-21T12:00:00Z', count: 2 });
    expect(result).toMatchObject({
      next: [interval('2022-12-22T00:00:00Z', 4), interval('2023-01-04T00:00:00Z', 4)],
      blockedIntervalsUtc: [{ start: '2022-12-22T22:00:00Z', end: '2023-01-03T22:00:00Z' }],
    });
    expect(result.ok && result.skipped).toHaveLength(12);
  });
});

describe('maintenanceWindowOccurrences: the REST examples (MaintenanceConfigurations*.json)', () => {
  const configuration = (file: string, index?: number) => {
    const body = exampleBody(file) as { value?: unknown[] };
    return index === undefined ? body : body.value![index];
  };

  it('daily every 3 days at 09:30 -07:00 from 2023-01-01, with two blocked ranges (Get)', () => {
    const result = maintenanceWindowOccurrences({
      maintenanceWindow: configuration('MaintenanceConfigurationsGet_MaintenanceWindow.json'),
      now: '2023-02-15T00:00:00Z',
    });
    expect(starts(result)).toEqual(['2023-02-15T16:30:00Z', '2023-02-27T16:30:00Z', '2023-03-02T16:30:00Z']);
    expect(result.ok && result.skipped).toEqual([
      '2023-02-18T16:30:00Z',
      '2023-02-21T16:30:00Z',
      '2023-02-24T16:30:00Z',
    ]);
  });

  it('every third Monday at 08:30 +05:30 for 10 hours, open at 05:00 UTC on the first one (Create_Update response)', () => {
    const body = exampleBody('MaintenanceConfigurationsCreate_Update_MaintenanceWindow.json');
    const result = maintenanceWindowOccurrences({ maintenanceWindow: body, now: '2023-01-02T05:00:00Z' });
    expect(result).toMatchObject({
      ok: true,
      open: true,
      current: interval('2023-01-02T03:00:00Z', 10),
      next: [
        interval('2023-01-23T03:00:00Z', 10),
        interval('2023-02-13T03:00:00Z', 10),
        interval('2023-03-06T03:00:00Z', 10),
      ],
    });
  });

  it('every three months on the 15th at 08:30 UTC for 5 hours (List, second entry)', () => {
    const result = maintenanceWindowOccurrences({
      maintenanceWindow: configuration('MaintenanceConfigurationsList_MaintenanceWindow.json', 1),
      now: '2023-01-01T00:00:00Z',
      count: 4,
    });
    expect(starts(result)).toEqual([
      '2023-01-15T08:30:00Z',
      '2023-04-15T08:30:00Z',
      '2023-07-15T08:30:00Z',
      '2023-10-15T08:30:00Z',
    ]);
  });
});

describe('maintenanceWindowOccurrences: schedule semantics (upgrades.md §4.4)', () => {
  const from = (schedule: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    window({ schedule, startTime: '00:00', startDate: '2026-01-01', ...extra });

  it.each([
    [
      'relativeMonthly First Monday of a month that starts on a Saturday',
      { relativeMonthly: { intervalMonths: 1, weekIndex: 'First', dayOfWeek: 'Monday' } },
      '2026-08-01T00:00:00Z',
      ['2026-08-03T00:00:00Z', '2026-09-07T00:00:00Z'],
    ],
    [
      // weekIndex is the n-th such weekday, not the n-th calendar week (hashicorp/terraform-provider-azurerm#23979).
      'relativeMonthly Fourth Monday',
      { relativeMonthly: { intervalMonths: 1, weekIndex: 'Fourth', dayOfWeek: 'Monday' } },
      '2026-08-01T00:00:00Z',
      ['2026-08-24T00:00:00Z', '2026-09-28T00:00:00Z'],
    ],
    [
      'relativeMonthly Last Monday, every two months from January',
      { relativeMonthly: { intervalMonths: 2, weekIndex: 'Last', dayOfWeek: 'Monday' } },
      '2026-01-01T00:00:00Z',
      ['2026-01-26T00:00:00Z', '2026-03-30T00:00:00Z'],
    ],
    [
      'absoluteMonthly on the 31st skips shorter months',
      { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 31 } },
      '2026-01-01T00:00:00Z',
      ['2026-01-31T00:00:00Z', '2026-03-31T00:00:00Z'],
    ],
    [
      'weekly every 2 weeks counts from the first matching day on or after startDate',
      { weekly: { intervalWeeks: 2, dayOfWeek: 'Friday' } },
      '2026-01-01T00:00:00Z',
      ['2026-01-02T00:00:00Z', '2026-01-16T00:00:00Z'],
    ],
    [
      'daily every 7 days counts from startDate',
      { daily: { intervalDays: 7 } },
      '2026-01-20T00:00:00Z',
      ['2026-01-22T00:00:00Z', '2026-01-29T00:00:00Z'],
    ],
  ])('%s', (_case, schedule, now, expected) => {
    expect(
      starts(maintenanceWindowOccurrences({ maintenanceWindow: from(schedule), now, count: 2 })),
    ).toEqual(expected);
  });

  it('opens nothing before startDate', () => {
    const maintenanceWindow = window({
      schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } },
      startDate: '2026-12-10',
    });
    expect(
      starts(maintenanceWindowOccurrences({ maintenanceWindow, now: '2026-12-01T00:00:00Z', count: 1 })),
    ).toEqual(['2026-12-14T01:00:00Z']);
  });

  it.each([
    ['+05:30 moves a 01:00 Monday start to Sunday 19:30 UTC', '+05:30', '01:00', '2026-12-06T19:30:00Z'],
    ['-07:00 moves a 22:00 Monday start to Tuesday 05:00 UTC', '-07:00', '22:00', '2026-12-08T05:00:00Z'],
  ])('%s', (_case, utcOffset, startTime, first) => {
    const maintenanceWindow = window({
      schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } },
      utcOffset,
      startTime,
    });
    expect(
      starts(maintenanceWindowOccurrences({ maintenanceWindow, now: '2026-12-04T00:00:00Z', count: 1 })),
    ).toEqual([first]);
  });

  it('reports the window open at now as current, and only later ones as next', () => {
    const maintenanceWindow = window({
      schedule: { daily: { intervalDays: 1 } },
      startTime: '22:00',
      durationHours: 6,
    });
    const result = maintenanceWindowOccurrences({ maintenanceWindow, now: '2026-12-07T02:00:00Z', count: 1 });
    expect(result).toEqual({
      ok: true,
      open: true,
      current: interval('2026-12-06T22:00:00Z', 6),
      next: [interval('2026-12-07T22:00:00Z', 6)],
      skipped: [],
      blockedIntervalsUtc: [],
    });
    const atStart = maintenanceWindowOccurrences({
      maintenanceWindow,
      now: '2026-12-06T22:00:00Z',
      count: 1,
    });
    expect(atStart).toMatchObject({ open: true, current: interval('2026-12-06T22:00:00Z', 6) });
    const atEnd = maintenanceWindowOccurrences({ maintenanceWindow, now: '2026-12-07T04:00:00Z', count: 1 });
    expect(atEnd).toMatchObject({ open: false, next: [interval('2026-12-07T22:00:00Z', 6)] });
  });

  it('is not open while a blocked range lasts, even for a window that opened before it', () => {
    const maintenanceWindow = window({
      schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Friday' } },
      startTime: '20:00',
      durationHours: 8,
      notAllowedDates: [{ start: '2026-12-12', end: '2026-12-12' }],
    });
    expect(
      maintenanceWindowOccurrences({ maintenanceWindow, now: '2026-12-11T23:00:00Z', count: 0 }),
    ).toMatchObject({
      open: true,
      current: interval('2026-12-11T20:00:00Z', 8),
    });
    expect(
      maintenanceWindowOccurrences({ maintenanceWindow, now: '2026-12-12T01:00:00Z', count: 0 }),
    ).toEqual({
      ok: true,
      open: false,
      next: [],
      skipped: [],
      blockedIntervalsUtc: [{ start: '2026-12-12T00:00:00Z', end: '2026-12-13T00:00:00Z' }],
    });
  });

  it('reads a maintenance configuration body as well as the bare window', () => {
    const bare = window({});
    const wrapped = { name: 'aksManagedAutoUpgradeSchedule', properties: { maintenanceWindow: bare } };
    const now = '2026-12-01T00:00:00Z';
    expect(maintenanceWindowOccurrences({ maintenanceWindow: wrapped, now })).toEqual(
      maintenanceWindowOccurrences({ maintenanceWindow: bare, now }),
    );
  });
});

describe('maintenanceWindowOccurrences: the schema bounds (MaintenanceWindow in @azure/arm-containerservice)', () => {
  it.each([
    ['durationHours below 4', { durationHours: 3 }, 'durationHours'],
    ['durationHours above 24', { durationHours: 25 }, 'durationHours'],
    [
      'intervalWeeks above 4',
      { schedule: { weekly: { intervalWeeks: 5, dayOfWeek: 'Monday' } } },
      'schedule.weekly.intervalWeeks',
    ],
    ['intervalDays above 7', { schedule: { daily: { intervalDays: 8 } } }, 'schedule.daily.intervalDays'],
    [
      'intervalMonths above 6',
      { schedule: { absoluteMonthly: { intervalMonths: 7, dayOfMonth: 1 } } },
      'schedule.absoluteMonthly.intervalMonths',
    ],
    [
      'dayOfMonth 32',
      { schedule: { absoluteMonthly: { intervalMonths: 1, dayOfMonth: 32 } } },
      'schedule.absoluteMonthly.dayOfMonth',
    ],
    [
      'an unknown weekIndex',
      { schedule: { relativeMonthly: { intervalMonths: 1, weekIndex: 'Fifth', dayOfWeek: 'Monday' } } },
      'schedule.relativeMonthly.weekIndex',
    ],
    [
      'an unknown dayOfWeek',
      { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Funday' } } },
      'schedule.weekly.dayOfWeek',
    ],
    [
      'two schedule types',
      { schedule: { daily: { intervalDays: 1 }, weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } } },
      'schedule',
    ],
    ['no schedule type', { schedule: {} }, 'schedule'],
    ['startTime 24:00', { startTime: '24:00' }, 'startTime'],
    ['startTime 1:00', { startTime: '1:00' }, 'startTime'],
    ['utcOffset without sign', { utcOffset: '05:30' }, 'utcOffset'],
    ['utcOffset beyond 14 hours', { utcOffset: '+15:00' }, 'utcOffset'],
    ['startDate 2023-02-30', { startDate: '2023-02-30' }, 'startDate'],
    [
      'a blocked range that ends before it starts',
      { notAllowedDates: [{ start: '2023-02-25', end: '2023-02-18' }] },
      'notAllowedDates[0].end',
    ],
  ])('rejects %s', (_case, overrides, path) => {
    expect(
      maintenanceWindowOccurrences({ maintenanceWindow: window(overrides), now: '2026-12-01T00:00:00Z' }),
    ).toEqual({
      ok: false,
      errorKind: 'INVALID_MAINTENANCE_WINDOW',
      errors: [{ path, message: expect.any(String) }],
    });
  });

  it('reports every bad field at once, and a bad now', () => {
    const result = maintenanceWindowOccurrences({
      maintenanceWindow: {
        schedule: { weekly: { intervalWeeks: 0, dayOfWeek: 'Monday' } },
        durationHours: 2,
      },
      now: 'yesterday',
    });
    expect(result.ok === false && result.errors.map((error) => error.path)).toEqual([
      'schedule.weekly.intervalWeeks',
      'durationHours',
      'startTime',
      'now',
    ]);
  });
});
