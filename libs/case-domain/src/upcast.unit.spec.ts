import { CASE_EVENT_TYPES } from './case/events';
import {
  createUpcaster,
  eventSchemaVersion,
  EVENT_SCHEMA_VERSIONS,
  upcast,
  UnknownEventVersionError,
} from './upcast';

describe('event evolution', () => {
  it('writes every event at schema version 1 today', () => {
    expect(CASE_EVENT_TYPES.every((type) => EVENT_SCHEMA_VERSIONS[type] === 1)).toBe(true);
    expect(eventSchemaVersion('ClosingSurveyAnswered')).toBe(1);
    expect(eventSchemaVersion('MeetingScheduled')).toBe(1);
  });

  it('reads current events unchanged and refuses versions it does not know', () => {
    const data = { occurredOn: '2025-01-01' };
    expect(upcast('CaseAccepted', 1, data)).toEqual({ type: 'CaseAccepted', version: 1, data });
    expect(() => upcast('CaseAccepted', 2, data)).toThrow(UnknownEventVersionError);
    expect(() => upcast('CaseAccepted', 0, data)).toThrow(UnknownEventVersionError);
  });

  it('lifts an old shape through the registered upcasters (fabricated v0 → v1 → v2)', () => {
    // Fabricated history: v0 FollowUpRecorded had `month: 'M3'` and `date`; v1 has numeric month and
    // occurredOn; a v2 adds `dueOn`, unknown before, as null.
    const lift = createUpcaster(
      {
        FollowUpRecorded: {
          0: ({ month, date, ...rest }: { month: string; date: string }) => ({
            ...rest,
            month: month === 'POST' ? 'POST_CLOSURE' : Number(month.slice(1)),
            occurredOn: date,
          }),
          1: (data: object) => ({ ...data, dueOn: null }),
        },
      },
      { FollowUpRecorded: 2 },
    );
    expect(lift('FollowUpRecorded', 0, { month: 'M3', date: '2024-05-01', step: 3 })).toEqual({
      type: 'FollowUpRecorded',
      version: 2,
      data: { month: 3, occurredOn: '2024-05-01', step: 3, dueOn: null },
    });
    expect(lift('FollowUpRecorded', 1, { month: 6, occurredOn: '2024-08-01', step: 4 }).data).toEqual({
      month: 6,
      occurredOn: '2024-08-01',
      step: 4,
      dueOn: null,
    });
    expect(lift('FollowUpRecorded', 2, { month: 9 }).data).toEqual({ month: 9 });
  });
});
