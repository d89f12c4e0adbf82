// Accessible form fields: every input has a visible label, hints and errors
// are tied to it with aria-describedby, and an error summary at the top of
// the form links to each field at fault (the GOV.UK pattern).
import { forwardRef, useCallback, useEffect, useId, useRef, useState, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { fieldKey, type ProblemDescription } from '../graphql/errors';

export type FieldErrors = Record<string, string>;

/** The DOM id of a field's control, so summaries can link to it. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface BaseProps {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Error text for this field (looked up by the caller, see errorFor()). */
  error?: string | undefined;
  /** Marks the label "(optional)" when false; required fields are the default. */
  optional?: boolean;
}

function Label({ id, label, optional }: { id: string; label: string; optional?: boolean | undefined }) {
  return (
    <label className="field__label" htmlFor={id}>
      {label}
      {optional && <span className="field__optional"> (optional)</span>}
    </label>
  );
}

function HintAndError({ id, hint, error }: { id: string; hint: ReactNode; error: string | undefined }) {
  return (
    <>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

type InputProps = BaseProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

export const TextField = forwardRef<HTMLInputElement, InputProps>(function TextField(
  { name, label, hint, error, optional, className, ...input },
  ref,
) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <input
        ref={ref}
        id={id}
        name={name}
        className={`input ${className ?? ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        required={!optional}
        {...input}
      />
    </div>
  );
});

type TextAreaProps = BaseProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>;

export function TextArea({ name, label, hint, error, optional, rows = 3, ...input }: TextAreaProps) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        required={!optional}
        {...input}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = BaseProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'> & { options: Option[]; placeholder?: string };

export function SelectField({ name, label, hint, error, optional, options, placeholder, ...select }: SelectProps) {
  const id = fieldId(name);
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        required={!optional}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface RadioProps extends BaseProps {
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}

export function RadioGroup({ name, label, hint, error, options, value, onChange, inline }: RadioProps) {
  const id = fieldId(name);
  return (
    <fieldset className={`field fieldset${error ? ' field--error' : ''}`} aria-describedby={describedBy(id, hint, error)}>
      <legend className="field__label">{label}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className={`radios${inline ? ' radios--inline' : ''}`}>
        {options.map((o, i) => (
          <div className="radio" key={o.value}>
            <input
              type="radio"
              // The first radio takes the field id, so error links land on the group.
              id={i === 0 ? id : `${id}-${o.value}`}
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

interface CheckboxProps extends Omit<BaseProps, 'optional'> {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Checkbox({ name, label, hint, error, checked, onChange }: CheckboxProps) {
  const id = fieldId(name);
  return (
    <div className={`field checkbox${error ? ' field--error' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy(id, hint, error)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <HintAndError id={id} hint={hint} error={error} />
      </div>
    </div>
  );
}

export interface SummaryItem {
  /** Form field name (linked to) or undefined for form-wide messages. */
  field?: string;
  message: string;
}

export const ERROR_SUMMARY_ID = 'error-summary';

/**
 * "There is a problem": listed at the top of the form, focused after a
 * failed submit, each item linking to (and focusing) its field.
 */
export function ErrorSummary({
  items,
  problem,
  focusToken = 0,
}: {
  items: SummaryItem[];
  problem?: ProblemDescription | null;
  /** Each new value (see useSummaryFocus) moves focus here once the summary has rendered. */
  focusToken?: number;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusToken > 0) ref.current?.focus();
  }, [focusToken]);
  if (items.length === 0 && !problem) return null;
  const heading = problem && problem.code !== 'BAD_USER_INPUT' ? problem.title : 'There is a problem';
  return (
    <div ref={ref} className="error-summary" id={ERROR_SUMMARY_ID} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 className="error-summary__title" id={titleId}>
        {heading}
      </h2>
      {items.length > 0 && (
        <ul className="error-summary__list">
          {items.map((item, i) => (
            <li key={`${item.field ?? ''}-${i}`}>
              {item.field ? (
                <a
                  href={`#${fieldId(item.field)}`}
                  onClick={(e) => {
                    const el = document.getElementById(fieldId(item.field!));
                    if (el) {
                      e.preventDefault();
                      el.focus(); // focusing scrolls it into view
                    }
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
      {problem && <p className="error-summary__action">{problem.action}</p>}
      {problem?.reference && (
        <p className="problem__reference">
          Reference: <code>{problem.reference}</code>
        </p>
      )}
    </div>
  );
}

/**
 * Combines client-side checks and the server's answer into per-field
 * messages (keyed by form field name) and summary items, in form order.
 */
export function collectErrors(
  fieldOrder: readonly string[],
  clientErrors: FieldErrors,
  problem: ProblemDescription | null,
): { byField: FieldErrors; items: SummaryItem[] } {
  const byField: FieldErrors = { ...clientErrors };
  const serverFields = { ...(problem?.fieldErrors ?? {}) };
  for (const name of fieldOrder) {
    const key = fieldKey(name);
    const msg = serverFields[key];
    if (msg !== undefined) {
      if (!byField[name]) byField[name] = msg;
      delete serverFields[key];
    }
  }
  const items: SummaryItem[] = fieldOrder.filter((n) => byField[n]).map((n) => ({ field: n, message: byField[n]! }));
  // Field errors for fields this form does not show, then form-wide messages.
  for (const msg of Object.values(serverFields)) items.push({ message: msg });
  for (const msg of problem?.messages ?? []) items.push({ message: msg });
  return { byField, items };
}

/**
 * For a form's failed submit: returns the token to pass to <ErrorSummary
 * focusToken> and a function that moves focus there after the next render
 * (so the summary is read out with its new content).
 */
export function useSummaryFocus(): [number, () => void] {
  const [token, setToken] = useState(0);
  const request = useCallback(() => setToken((t) => t + 1), []);
  return [token, request];
}
