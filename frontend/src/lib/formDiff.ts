// Building create/update inputs from form values: trimmed strings, empty
// optional fields left out on create and cleared (clearX: true) on update,
// and on update only the fields that changed, so the server does not see
// (and, for events, tell every calendar about) edits nobody made.

/** Trimmed text, or undefined when empty. */
export function optionalText(value: string): string | undefined {
  const v = value.trim();
  return v === '' ? undefined : v;
}

function clearName(field: string): string {
  return `clear${field.charAt(0).toUpperCase()}${field.slice(1)}`;
}

/** Adds `field` (changed) or `clearField` (emptied) to an update input. */
export function diffOptionalText(
  input: Record<string, unknown>,
  field: string,
  value: string,
  initial: string | null | undefined,
): void {
  const v = value.trim();
  if (v === (initial ?? '').trim()) return;
  if (v === '') input[clearName(field)] = true;
  else input[field] = v;
}

/** Adds `field` to an update input when a required value changed. */
export function diffRequired<T>(input: Record<string, unknown>, field: string, value: T, initial: T): void {
  if (value !== initial) input[field] = value;
}

/** Adds an optional number (e.g. capacity) or its clear flag. */
export function diffOptionalNumber(
  input: Record<string, unknown>,
  field: string,
  value: number | undefined,
  initial: number | null | undefined,
): void {
  if ((value ?? null) === (initial ?? null)) return;
  if (value === undefined) input[clearName(field)] = true;
  else input[field] = value;
}
