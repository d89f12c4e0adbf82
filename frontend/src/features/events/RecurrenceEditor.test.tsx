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
    expect(summary()).toBe('Every 2nd Tuesday, 10:00–12:00, Europe/London');
    await user.selectOptions(screen.getByLabelText('Week of the month'), '-1');
    expect(out()).toBe('FREQ=MONTHLY;BYDAY=-1TU');
    await user.click(screen.getByLabelText('After a number of times'));
    const count = screen.getByLabelText('Number of times');
    await user.clear(count);
    await user.type(count, '6');
    expect(out()).toBe('FREQ=MONTHLY;BYDAY=-1TU;COUNT=6');
    expect(summary()).toBe('Every last Tuesday, 6 times, 10:00–12:00, Europe/London');
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
});
