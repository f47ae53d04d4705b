import { describe, expect, it } from 'vitest';
import { autoscalePolicySchema, type Schedule } from '../../../shared/domain/autoscale/policy';
import { effectivePolicyAt, nextOccurrenceAfter, openWindowOf, openWindowsAt, ScheduleTimeline, scheduleCronIssues } from '../../../shared/features/autoscalePolicies';

const schedule = (cron: string, durationMinutes: number, timeZone = 'Europe/Berlin'): Schedule => ({
  name: 's',
  cron,
  timeZone,
  durationMinutes,
  action: { type: 'ScaleToZero' },
});

const openAt = (s: Schedule, at: string) => {
  const window = openWindowOf(s, new Date(at));
  return window === undefined ? null : { openedAt: window.openedAt.toISOString(), closesAt: window.closesAt.toISOString() };
};

describe('schedule windows (NCRONTAB in an IANA zone)', () => {
  const night = schedule('0 0 20 * * *', 11 * 60);

  it.each([
    ['2026-03-02T18:59:59Z', null],
    ['2026-03-02T19:00:00Z', { openedAt: '2026-03-02T19:00:00.000Z', closesAt: '2026-03-03T06:00:00.000Z' }],
    ['2026-03-03T05:59:59Z', { openedAt: '2026-03-02T19:00:00.000Z', closesAt: '2026-03-03T06:00:00.000Z' }],
    ['2026-03-03T06:00:00Z', null],
  ])('20:00 Berlin for 11 h (CET, UTC+1): at %s', (at, expected) => {
    expect(openAt(night, at)).toEqual(expected);
  });

  it('across the spring change (2026-03-29): the window lasts 11 elapsed hours, to 08:00 CEST', () => {
    expect(openAt(night, '2026-03-29T05:59:00Z')).toEqual({ openedAt: '2026-03-28T19:00:00.000Z', closesAt: '2026-03-29T06:00:00.000Z' });
    expect(openAt(night, '2026-03-29T18:00:00Z')).toEqual({ openedAt: '2026-03-29T18:00:00.000Z', closesAt: '2026-03-30T05:00:00.000Z' });
  });

  it('an occurrence in the skipped hour (02:30 on 2026-03-29) opens at 03:30 CEST', () => {
    expect(openAt(schedule('0 30 2 * * *', 30), '2026-03-29T01:45:00Z')).toEqual({ openedAt: '2026-03-29T01:30:00.000Z', closesAt: '2026-03-29T02:00:00.000Z' });
  });

  it('the repeated hour (02:30 on 2026-10-25) opens the window once, at the first 02:30 (CEST)', () => {
    const s = schedule('0 30 2 * * *', 30);
    expect(openAt(s, '2026-10-25T00:45:00Z')).toEqual({ openedAt: '2026-10-25T00:30:00.000Z', closesAt: '2026-10-25T01:00:00.000Z' });
    expect(openAt(s, '2026-10-25T01:45:00Z')).toBeNull();
  });

  it('across the autumn change the night window lasts 11 elapsed hours, to 06:00 CET', () => {
    expect(openAt(night, '2026-10-25T04:59:00Z')).toEqual({ openedAt: '2026-10-24T18:00:00.000Z', closesAt: '2026-10-25T05:00:00.000Z' });
    expect(openAt(night, '2026-10-25T05:00:00Z')).toBeNull();
  });

  it('weekdays are read in the zone: MON-FRI 08:00 Berlin', () => {
    const business = schedule('0 0 8 * * MON-FRI', 10 * 60);
    expect(openAt(business, '2026-03-06T08:00:00Z')).not.toBeNull(); // Friday 09:00 CET
    expect(openAt(business, '2026-03-07T08:00:00Z')).toBeNull(); // Saturday
  });

  it('day of month AND day of week must both match when both are given (NCRONTAB, not Vixie cron)', () => {
    const fridayThe13th = schedule('0 0 0 13 * FRI', 60);
    expect(openAt(fridayThe13th, '2026-03-12T23:30:00Z')).not.toBeNull(); // Friday 13 March, 00:30 CET
    expect(openAt(fridayThe13th, '2026-04-12T22:30:00Z')).toBeNull(); // Monday 13 April, 00:30 CEST
  });

  it('a very frequent schedule is open everywhere without walking every occurrence', () => {
    expect(openAt(schedule('* * * * * *', 7 * 24 * 60, 'UTC'), '2026-03-02T10:00:00.500Z')).not.toBeNull();
  });

  it('values out of range are named by the cron library', () => {
    expect(scheduleCronIssues([schedule('0 61 20 * * *', 60), schedule('0 0 20 * * *', 60)])).toEqual([
      { path: 'schedules[0].cron', code: 'custom', message: expect.stringContaining('not a valid NCRONTAB expression') },
    ]);
  });

  it('the effective policy folds the open windows in', () => {
    const policy = autoscalePolicySchema.parse({
      minNodes: 2,
      maxNodes: 6,
      targets: { cpuUtilizationPercent: 60 },
      schedules: [
        { ...night, name: 'night' },
        { name: 'business', cron: '0 0 8 * * MON-FRI', timeZone: 'Europe/Berlin', durationMinutes: 600, action: { type: 'OverrideRange', minNodes: 4 } },
      ],
    });
    const selected = { source: { kind: 'pool' as const }, policy };
    expect(effectivePolicyAt(selected, new Date('2026-03-02T20:00:00Z'))).toMatchObject({ openSchedules: ['night'], scaleToZeroSchedule: 'night', minNodes: 2 });
    expect(effectivePolicyAt(selected, new Date('2026-03-02T09:00:00Z'))).toMatchObject({ openSchedules: ['business'], rangeSchedule: 'business', minNodes: 4, maxNodes: 6 });
  });

  it('the next occurrence: across the spring gap and the autumn repeat', () => {
    expect(nextOccurrenceAfter(schedule('0 30 2 * * *', 30), new Date('2026-03-29T01:00:00Z'))?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(nextOccurrenceAfter(schedule('0 30 2 * * *', 30), new Date('2026-10-25T00:45:00Z'))?.toISOString()).toBe('2026-10-26T01:30:00.000Z');
    expect(nextOccurrenceAfter(schedule('0 0 0 13 * FRI', 60), new Date('2026-03-14T00:00:00Z'))?.toISOString()).toBe('2026-11-12T23:00:00.000Z');
  });

  it('the timeline (recomputing only at occurrences and window ends) agrees with computing every step, over both DST changes', () => {
    const schedules = [night, schedule('0 0 8 * * MON-FRI', 600), schedule('0 30 2 * * *', 45), schedule('0 0 0 13 * FRI', 90)];
    for (const start of ['2026-03-27T00:00:00Z', '2026-10-23T00:00:00Z', '2026-11-12T00:00:00Z']) {
      const timeline = new ScheduleTimeline(schedules);
      for (let step = 0; step < 3 * 24 * 4; step++) {
        const at = new Date(Date.parse(start) + step * 15 * 60_000);
        const names = (windows: { schedule: Schedule; openedAt: Date }[]) => windows.map((w) => `${w.schedule.cron}@${w.openedAt.toISOString()}`);
        expect(names(timeline.openWindowsAt(at)), at.toISOString()).toEqual(names(openWindowsAt(schedules, at)));
      }
    }
  });
});
