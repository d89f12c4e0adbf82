// Turns GraphQL and network failures into text that tells people what
// happened and what to do next. The server sends extensions.code on every
// error, and extensions.field on input errors (the input field at fault,
// e.g. "endsAt", or ent's column name such as "contact_email").
import type { CombinedError } from 'urql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'NETWORK';

export interface ProblemDescription {
  code: ErrorCode;
  /** One line: what happened. */
  title: string;
  /** What the person can do about it. */
  action: string;
  /** Messages for specific input fields, keyed by fieldKey(). */
  fieldErrors: Record<string, string>;
  /** Server messages that belong to no field. */
  messages: string[];
  /** The server's reference for INTERNAL errors, to quote to an administrator. */
  reference?: string;
  /** Whether trying again as it is might work. */
  retryable: boolean;
}

/** Minimal shape of a GraphQL error, so plain objects can be described too. */
export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

/** Something that failed: urql's CombinedError or a plain description. */
export interface ErrorLike {
  networkError?: Error | undefined;
  graphQLErrors?: readonly GraphQLErrorLike[];
  response?: { status?: number } | unknown;
}

const KNOWN: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'INTERNAL',
]);

const TEXT: Record<ErrorCode, { title: string; action: string; retryable: boolean }> = {
  BAD_USER_INPUT: {
    title: 'Some details need changing.',
    action: 'Correct the fields marked below, then submit again.',
    retryable: false,
  },
  UNAUTHENTICATED: {
    title: 'You need to sign in to see this.',
    action: 'Sign in, then try again. If you were signed in, your session may have ended.',
    retryable: false,
  },
  FORBIDDEN: {
    title: 'You do not have permission to do this.',
    action: 'Ask an organiser of this programme, or an administrator, for access.',
    retryable: false,
  },
  NOT_FOUND: {
    title: 'We could not find this.',
    action: 'It may have been deleted, or the link may be wrong. Go back to the list and look for it there.',
    retryable: false,
  },
  CONFLICT: {
    title: 'This clashes with information already saved.',
    action: 'Check the details below. Someone may have changed it at the same time: reload the page to see the latest version.',
    retryable: false,
  },
  QUERY_TOO_COMPLEX: {
    title: 'That request asked for too much at once.',
    action: 'Narrow the filters or load fewer items, then try again.',
    retryable: false,
  },
  RATE_LIMITED: {
    title: 'Too many requests in a short time.',
    action: 'Wait a minute, then try again.',
    retryable: true,
  },
  INTERNAL: {
    title: 'Something went wrong on our side.',
    action: 'Try again in a moment. If it keeps happening, tell your administrator and quote the reference below.',
    retryable: true,
  },
  NETWORK: {
    title: 'Convene could not be reached.',
    action: 'Check your internet connection, then try again. Anything you typed is still here.',
    retryable: true,
  },
};

/**
 * Normalises a field name so the server's spellings match form field names:
 * "endsAt", "ends_at", "Event.ends_at" and "input.endsAt" all become "endsat".
 */
export function fieldKey(name: string): string {
  const last = name.split('.').pop() ?? name;
  return last.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** "the event must end…" → "The event must end…". */
function sentence(message: string): string {
  const m = message.trim();
  return m ? m.charAt(0).toUpperCase() + m.slice(1) : m;
}

function codeOf(e: GraphQLErrorLike): ErrorCode {
  const code = e.extensions?.code;
  return typeof code === 'string' && KNOWN.has(code) ? (code as ErrorCode) : 'INTERNAL';
}

// Most to least specific: the most actionable code leads.
const PRECEDENCE: ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'CONFLICT',
  'NOT_FOUND',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL',
];

/** Describes a failure for people; null when there is none. */
export function describeError(error: ErrorLike | CombinedError | null | undefined): ProblemDescription | null {
  if (!error) return null;
  const gqlErrors: readonly GraphQLErrorLike[] = error.graphQLErrors ?? [];
  if (gqlErrors.length === 0) {
    const status = (error.response as { status?: number } | undefined)?.status;
    const code: ErrorCode = status === 429 ? 'RATE_LIMITED' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'NETWORK';
    return { code, ...TEXT[code], fieldErrors: {}, messages: [] };
  }
  const codes = new Set(gqlErrors.map(codeOf));
  const code = PRECEDENCE.find((c) => codes.has(c)) ?? 'INTERNAL';
  const fieldErrors: Record<string, string> = {};
  const messages: string[] = [];
  let reference: string | undefined;
  for (const e of gqlErrors) {
    const c = codeOf(e);
    const field = e.extensions?.field;
    if (c === 'INTERNAL') {
      const m = /reference\s+(\S+)/i.exec(e.message);
      if (m) reference = m[1];
      continue; // the internal message is not for people
    }
    if (c === 'BAD_USER_INPUT' && typeof field === 'string' && field) {
      const key = fieldKey(field);
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${sentence(e.message)}` : sentence(e.message);
      continue;
    }
    if (c === 'BAD_USER_INPUT' || c === 'CONFLICT') messages.push(sentence(e.message));
  }
  const result: ProblemDescription = { code, ...TEXT[code], fieldErrors, messages: [...new Set(messages)] };
  if (reference) result.reference = reference;
  return result;
}

/** Whether a failure is only that the requested object does not exist. */
export function isNotFound(error: ErrorLike | CombinedError | null | undefined): boolean {
  return describeError(error)?.code === 'NOT_FOUND';
}

/** The same description with every message passed through `fn` (e.g. to localise times). */
export function mapProblemText(p: ProblemDescription | null, fn: (text: string) => string): ProblemDescription | null {
  if (!p) return p;
  return {
    ...p,
    messages: p.messages.map(fn),
    fieldErrors: Object.fromEntries(Object.entries(p.fieldErrors).map(([k, v]) => [k, fn(v)])),
  };
}

/** What went wrong, as one sentence or a few: the server's own field and input messages when it gave any, else the generic title and what to do. */
export function problemText(problem: ProblemDescription | string): string {
  if (typeof problem === 'string') return problem;
  const specific = [...Object.values(problem.fieldErrors), ...problem.messages];
  return specific.length > 0 ? specific.join(' ') : `${problem.title} ${problem.action}`;
}
