// Rendering helpers for component tests: a stand-in urql client whose
// answers each test chooses, inside the app's router.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { Provider, type Client, type OperationResult } from 'urql';
import { fromValue, never } from 'wonka';
import { vi } from 'vitest';
import { RouterProvider } from '../app/router';

type Answer = (operation: { query: unknown; variables: unknown }) => Partial<OperationResult> | undefined;

export function mockClient(answers: { query?: Answer; mutation?: Answer } = {}) {
  const respond = (answer: Answer | undefined) =>
    vi.fn((operation: { query: unknown; variables: unknown }) => {
      const r = answer?.(operation);
      return r ? fromValue({ operation, stale: false, hasNext: false, ...r }) : never;
    });
  return {
    executeQuery: respond(answers.query),
    executeMutation: respond(answers.mutation),
    executeSubscription: vi.fn(() => never),
  };
}

export function renderWithClient(ui: ReactElement, client: ReturnType<typeof mockClient>) {
  return render(
    <Provider value={client as unknown as Client}>
      <RouterProvider>{ui}</RouterProvider>
    </Provider>,
  );
}

/** The operation name of a mocked request, to answer per query. */
export function opName(operation: { query: unknown }): string {
  const doc = operation.query as { definitions: Array<{ kind: string; name?: { value: string } }> };
  return doc.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value ?? '';
}
