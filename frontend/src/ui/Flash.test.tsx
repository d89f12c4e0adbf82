// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { RouterProvider, useNavigate } from '../app/router';
import { FlashOutlet, clearFlash, flash } from './Flash';

let go: (to: string) => void = () => {};
function Harness() {
  go = useNavigate();
  return <FlashOutlet />;
}

afterEach(() => {
  act(() => clearFlash());
  window.history.replaceState(null, '', '/');
});

describe('flash messages', () => {
  it('show on the page navigated to, and clear on the next navigation', async () => {
    window.history.replaceState(null, '', '/events/new');
    render(
      <RouterProvider>
        <Harness />
      </RouterProvider>,
    );
    // As a form does: navigate to the new page, then flash.
    act(() => {
      go('/events/e1');
      flash('The event has been created.');
    });
    expect(screen.getByText('The event has been created.')).toBeTruthy();
    act(() => go('/events'));
    expect(screen.queryByText('The event has been created.')).toBeNull();
  });

  it('clear on the next navigation after an await, too', async () => {
    window.history.replaceState(null, '', '/events/new');
    render(
      <RouterProvider>
        <Harness />
      </RouterProvider>,
    );
    await act(async () => {
      await Promise.resolve();
      go('/events/e2');
      await Promise.resolve();
      flash('The event has been updated.');
    });
    expect(screen.getByText('The event has been updated.')).toBeTruthy();
    await act(async () => go('/programmes'));
    expect(screen.queryByText('The event has been updated.')).toBeNull();
    // And a message shown on the page itself goes when the person moves on.
    act(() => flash('Progress reported.'));
    expect(screen.getByText('Progress reported.')).toBeTruthy();
    act(() => go('/programmes/p1'));
    expect(screen.queryByText('Progress reported.')).toBeNull();
  });
});
