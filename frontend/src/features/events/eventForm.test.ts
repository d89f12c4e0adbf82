import { describe, expect, it } from 'vitest';
import { describeLocalTime, emptyEventValues, toCreateInput, toUpdateInput, valuesFromEvent, type EventFormValues, type SavedEvent } from './eventForm';

const base = (over: Partial<EventFormValues> = {}): EventFormValues => ({
  ...emptyEventValues('42', 'Europe/London'),
  title: 'Monthly forum',
  kind: 'FORUM',
  startsAt: '2026-12-08T10:00',
  endsAt: '2026-12-08T12:30',
  ...over,
});

describe('toCreateInput', () => {
  it('converts wall-clock times in the event’s zone to UTC instants (winter)', () => {
    const { errors, input } = toCreateInput(base());
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      programmeID: '42',
      title: 'Monthly forum',
      kind: 'FORUM',
      timeZone: 'Europe/London',
      startsAt: '2026-12-08T10:00:00.000Z',
      endsAt: '2026-12-08T12:30:00.000Z',
    });
  });

  it('converts summer times with the summer offset (BST)', () => {
    const { input } = toCreateInput(base({ startsAt: '2026-06-09T10:00', endsAt: '2026-06-09T12:30' }));
    expect(input?.startsAt).toBe('2026-06-09T09:00:00.000Z');
    expect(input?.endsAt).toBe('2026-06-09T11:30:00.000Z');
  });

  it('gives an event spanning the autumn change its true length', () => {
    // 24 Oct 22:00 BST to 25 Oct 02:00 GMT is five hours, not four.
    const { input } = toCreateInput(base({ startsAt: '2026-10-24T22:00', endsAt: '2026-10-25T02:00' }));
    expect(Date.parse(input!.endsAt) - Date.parse(input!.startsAt)).toBe(5 * 3_600_000);
  });

  it('converts in another zone when one is chosen', () => {
    const { input } = toCreateInput(base({ timeZone: 'America/New_York', startsAt: '2026-12-08T10:00', endsAt: '2026-12-08T11:00' }));
    expect(input?.startsAt).toBe('2026-12-08T15:00:00.000Z');
  });

  it('leaves empty optional fields out and trims text', () => {
    const { input } = toCreateInput(base({ title: '  Forum  ', rrule: ' FREQ=MONTHLY;BYDAY=2TU ', venueName: '', capacity: '40' }));
    expect(input?.title).toBe('Forum');
    expect(input?.rrule).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(input?.venueName).toBeUndefined();
    expect(input?.capacity).toBe(40);
  });

  it('checks only what it must parse, and explains each problem', () => {
    const { errors, input } = toCreateInput(base({ programmeID: '', title: ' ', timeZone: 'Mars/Olympus', startsAt: '', endsAt: '2026-02-30T10:00', capacity: 'ten' }));
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['capacity', 'endsAt', 'programmeID', 'startsAt', 'timeZone', 'title']);
    expect(errors.timeZone).toMatch(/Europe\/London/);
  });

  it('leaves "ends before it starts" to the server, which owns that rule', () => {
    const { errors, input } = toCreateInput(base({ startsAt: '2026-12-08T12:00', endsAt: '2026-12-08T10:00' }));
    expect(errors).toEqual({});
    expect(input).toBeDefined();
  });
});

describe('toUpdateInput', () => {
  const saved: SavedEvent = {
    id: '7',
    programmeID: '42',
    title: 'Monthly forum',
    kind: 'FORUM',
    timeZone: 'Europe/London',
    startsAt: '2026-07-14T09:00:00Z',
    endsAt: '2026-07-14T11:30:00Z',
    rrule: 'FREQ=MONTHLY;BYDAY=2TU',
    venueName: 'Central Library',
    capacity: 40,
  };

  it('loads saved instants as wall-clock times in the event’s zone', () => {
    const v = valuesFromEvent(saved, 'UTC');
    expect(v.startsAt).toBe('2026-07-14T10:00');
    expect(v.endsAt).toBe('2026-07-14T12:30');
    expect(v.capacity).toBe('40');
  });

  it('sends nothing when nothing changed, so calendars are not told of a change', () => {
    expect(toUpdateInput(valuesFromEvent(saved, 'UTC'), saved)).toEqual({ errors: {}, input: {} });
  });

  it('sends only the changed fields, and clears emptied ones', () => {
    const v = { ...valuesFromEvent(saved, 'UTC'), endsAt: '2026-07-14T13:00', venueName: '', capacity: '' };
    expect(toUpdateInput(v, saved).input).toEqual({ endsAt: '2026-07-14T12:00:00.000Z', clearVenueName: true, clearCapacity: true });
  });
});

describe('describeLocalTime', () => {
  it('says what a time will be saved as', () => {
    expect(describeLocalTime('2026-12-08T10:00', 'Europe/London')?.text).toBe('Saved as Tue, 8 Dec 2026, 10:00 GMT.');
    expect(describeLocalTime('2026-12-08T10:00', 'Europe/London', 'America/New_York')?.text).toMatch(/05:00 .*where you are/);
  });

  it('warns about times skipped or repeated by daylight saving changes', () => {
    expect(describeLocalTime('2026-03-29T01:30', 'Europe/London')?.warning).toMatch(/does not exist/);
    expect(describeLocalTime('2026-03-29T01:30', 'Europe/London')?.text).toContain('02:30 BST');
    expect(describeLocalTime('2026-10-25T01:30', 'Europe/London')?.warning).toMatch(/happens twice/);
    expect(describeLocalTime('2026-10-25T01:30', 'Europe/London')?.text).toContain('01:30 BST');
  });

  it('says nothing about values it cannot read', () => {
    expect(describeLocalTime('', 'Europe/London')).toBeNull();
    expect(describeLocalTime('2026-12-08T10:00', 'Nowhere')).toBeNull();
  });
});
