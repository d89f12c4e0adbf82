import { describe, expect, it } from 'vitest';
import { isOverdue, overdueWhere } from './overdue';

const now = new Date('2026-11-24T12:00:00Z');

describe('isOverdue', () => {
  it('is overdue when the due date has passed and the action is still open', () => {
    expect(isOverdue({ dueDate: '2026-11-20T00:00:00Z', status: 'OPEN' }, now)).toBe(true);
    expect(isOverdue({ dueDate: '2026-11-24T11:59:00Z', status: 'IN_PROGRESS' }, now)).toBe(true);
  });

  it('is not overdue when done or dropped', () => {
    expect(isOverdue({ dueDate: '2026-01-01T00:00:00Z', status: 'DONE' }, now)).toBe(false);
    expect(isOverdue({ dueDate: '2026-01-01T00:00:00Z', status: 'DROPPED' }, now)).toBe(false);
  });

  it('is not overdue before the due date, exactly at it, or without one', () => {
    expect(isOverdue({ dueDate: '2026-12-01T00:00:00Z', status: 'OPEN' }, now)).toBe(false);
    expect(isOverdue({ dueDate: '2026-11-24T12:00:00Z', status: 'OPEN' }, now)).toBe(false);
    expect(isOverdue({ dueDate: null, status: 'OPEN' }, now)).toBe(false);
  });

  it('has a matching server-side filter', () => {
    expect(overdueWhere('2026-11-24T12:00:00.000Z')).toEqual({ dueDateLT: '2026-11-24T12:00:00.000Z', statusNotIn: ['DONE', 'DROPPED'] });
  });
});
