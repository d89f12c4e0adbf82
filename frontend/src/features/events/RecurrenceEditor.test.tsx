// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecurrenceEditor } from './RecurrenceEditor';

function Harness({ initial = '', zone = 'Europe/London' }: { initial?: string; zone?: string }) {
  const [rrule, setRrule] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <RecurrenceEditor
        rrule={rrule}
        onChange={(r, p) => {
          setRrule(r);
          setProblem(p);
        }}
        timeZone={zone}
        startsAt="2026-12-08T10:00"
        endsAt="2026-12-08T12:00"
      />
      <output data-testid="out">{rrule}</output>
      <output data-testid="problem">{problem ?? ''}</output>
    </>
  );
}

const out = () => screen.getByTestId('out').textContent;
const summary = () => screen.getByTestId('rrule-summary').textContent;

describe('RecurrenceEditor', () => {
  it('builds a monthly Nth-weekday rule from the start date and says it in words', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(summary()).toBe('Does not repeat, 10:00–12:00, Europe/London');
    await user.selectOptions(screen.getByLabelText('Repeats'), 'monthlyWeekday');
    // 8 December 2026 is the 2nd Tuesday
    expect(out()).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(summary()).toBe('Monthly on the 2nd Tuesday, 10:00–12:00, Europe/London');
    await user.selectOptions(screen.getByLabelText('Week of the month'), '-1');
    expect(out()).toBe('FREQ=MONTHLY;BYDAY=-1TU');
    await user.click(screen.getByLabelText('After a number of times'));
    const count = screen.getByLabelText('Number of times');
    await user.clear(count);
    await user.type(count, '6');
    expect(out()).toBe('FREQ=MONTHLY;BYDAY=-1TU;COUNT=6');
    expect(summary()).toBe('Monthly on the last Tuesday, 6 times, 10:00–12:00, Europe/London');
  });

  it('builds every-N-weeks rules on chosen days, ending on a date (UNTIL in UTC)', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.selectOptions(screen.getByLabelText('Repeats'), 'nweeks');
    expect(out()).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
    await user.click(screen.getByLabelText('Thursday'));
    expect(out()).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH');
    await user.click(screen.getByLabelText('On a date'));
    expect(out()).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20261208T235959Z');
    // Unticking every day is reported, not sent
    await user.click(screen.getByLabelText('Tuesday'));
    await user.click(screen.getByLabelText('Thursday'));
    expect(screen.getByTestId('problem').textContent).toBe('Choose at least one day of the week');
    expect(screen.getByText('Choose at least one day of the week', { selector: '.field__error' })).toBeTruthy();
  });

  it('builds every N months on the Nth weekday or a day of the month, keeping the choices', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.queryByLabelText('Every how many months')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Repeats'), 'nmonthsWeekday');
    expect(out()).toBe('FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU');
    const months = screen.getByLabelText('Every how many months');
    await user.clear(months);
    expect(screen.getByTestId('problem').textContent).toBe('Enter how often it repeats as a whole number, 1 or more');
    await user.type(months, '3');
    expect(out()).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU');
    expect(screen.getByTestId('problem').textContent).toBe('');
    expect(summary()).toBe('Every 3 months on the 2nd Tuesday, 10:00–12:00, Europe/London');
    await user.selectOptions(screen.getByLabelText('Week of the month'), '-1');
    expect(out()).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TU');
    expect(summary()).toBe('Every 3 months on the last Tuesday, 10:00–12:00, Europe/London');
    // Switching to a day of the month keeps every 3 months; 8 December is the 8th.
    await user.selectOptions(screen.getByLabelText('Repeats'), 'nmonthsDay');
    expect(out()).toBe('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=8');
    expect(summary()).toBe('Every 3 months on the 8th, 10:00–12:00, Europe/London');
    // Plain "monthly" goes back to every month.
    await user.selectOptions(screen.getByLabelText('Repeats'), 'monthlyDay');
    expect(out()).toBe('FREQ=MONTHLY;BYMONTHDAY=8');
    expect(screen.queryByLabelText('Every how many months')).toBeNull();
  });

  it('opens an every-3-months rule in its controls, in words, and edits it without losing the interval', async () => {
    const user = userEvent.setup();
    render(<Harness initial="FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU" />);
    expect((screen.getByLabelText('Repeats') as HTMLSelectElement).value).toBe('nmonthsWeekday');
    expect((screen.getByLabelText('Every how many months') as HTMLInputElement).value).toBe('3');
    expect((screen.getByLabelText('Week of the month') as HTMLSelectElement).value).toBe('2');
    expect((screen.getByLabelText('Day') as HTMLSelectElement).value).toBe('TU');
    expect(summary()).toBe('Every 3 months on the 2nd Tuesday, 10:00–12:00, Europe/London');
    await user.click(screen.getByLabelText('After a number of times'));
    expect(out()).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=10');
    // The Advanced field holds the same rule; typing one there updates the controls.
    const advanced = screen.getByLabelText('Recurrence rule (RFC 5545) (optional)');
    expect((advanced as HTMLInputElement).value).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=10');
    await user.clear(advanced);
    await user.type(advanced, 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=15');
    expect((screen.getByLabelText('Repeats') as HTMLSelectElement).value).toBe('nmonthsDay');
    expect((screen.getByLabelText('Every how many months') as HTMLInputElement).value).toBe('6');
    expect(summary()).toBe('Every 6 months on the 15th, 10:00–12:00, Europe/London');
  });

  it('shows a parsed rule in the controls and keeps unknown rules in the Advanced field', async () => {
    const user = userEvent.setup();
    render(<Harness initial="FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3" />);
    expect((screen.getByLabelText('Repeats') as HTMLSelectElement).value).toBe('monthlyDay');
    expect(summary()).toBe('Monthly on the 15th, 3 times, 10:00–12:00, Europe/London');
    const advanced = screen.getByLabelText('Recurrence rule (RFC 5545) (optional)');
    await user.clear(advanced);
    await user.type(advanced, 'FREQ=DAILY;BYHOUR=9');
    expect(out()).toBe('FREQ=DAILY;BYHOUR=9');
    expect((screen.getByLabelText('Repeats') as HTMLSelectElement).value).toBe('custom');
    expect(summary()).toBe('Custom rule, see Advanced below.');
  });

  it('labels the end of the series apart from the event’s own end time', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.selectOptions(screen.getByLabelText('Repeats'), 'monthlyWeekday');
    expect(screen.getByRole('group', { name: 'Stops repeating' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Ends' })).toBeNull();
  });
});
