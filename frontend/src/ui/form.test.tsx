// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorSummary, TextField, collectErrors } from './form';
import { describeError } from '../graphql/errors';

describe('TextField', () => {
  it('ties its label, hint and error to the input', () => {
    render(<TextField name="title" label="Title" hint="What people will see" error="Enter a title." value="" onChange={() => {}} />);
    const input = screen.getByLabelText('Title');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('field-title-hint field-title-error');
    expect(document.getElementById('field-title-error')?.textContent).toBe('Error: Enter a title.');
  });

  it('marks optional fields in the label and has no error state by default', () => {
    render(<TextField name="phone" label="Phone" optional value="" onChange={() => {}} />);
    const input = screen.getByLabelText('Phone (optional)');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('required')).toBe(false);
  });
});

describe('ErrorSummary', () => {
  it('lists field errors in form order, linking each to its field', async () => {
    const problem = describeError({
      graphQLErrors: [
        { message: 'the event must end after it starts', extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' } },
        { message: 'programme 9 does not exist', extensions: { code: 'BAD_USER_INPUT', field: 'programmeID' } },
      ],
    });
    const { byField, items } = collectErrors(['title', 'startsAt', 'endsAt'], { title: 'Enter a title.' }, problem);
    expect(byField).toEqual({ title: 'Enter a title.', endsAt: 'The event must end after it starts' });
    render(
      <>
        <ErrorSummary items={items} problem={problem} />
        <TextField name="title" label="Title" value="" onChange={() => {}} error={byField.title} />
        <TextField name="endsAt" label="Ends" value="" onChange={() => {}} error={byField.endsAt} />
      </>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('h2')?.textContent).toBe('There is a problem');
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['Enter a title.', 'The event must end after it starts']);
    // The field this form does not show still gets reported, unlinked.
    expect(alert.textContent).toContain('Programme 9 does not exist');
    await userEvent.click(links[1]!);
    expect(document.activeElement).toBe(screen.getByLabelText('Ends'));
  });

  it('renders nothing when all is well', () => {
    const { container } = render(<ErrorSummary items={[]} problem={null} />);
    expect(container.innerHTML).toBe('');
  });
});
