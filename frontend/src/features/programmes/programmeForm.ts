// Programme form values, client-side checks and the create/update inputs.
import type { CreateProgrammeInput, UpdateProgrammeInput } from '../../graphql/gen/graphql';
import type { FieldErrors } from '../../ui/form';
import { diffOptionalText, diffRequired, optionalText } from '../../lib/formDiff';

export interface ProgrammeValues {
  name: string;
  slug: string;
  description: string;
  timeZone: string;
  public: boolean;
}

export const PROGRAMME_FIELDS = ['name', 'slug', 'description', 'timeZone', 'public'] as const;

/** The server's rule (ent/schema/validate.go): lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

/** "Housing & Health: 2026!" → "housing-health-2026". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

export function validateProgramme(v: ProgrammeValues, zones: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = 'Enter the programme’s name.';
  else if (v.name.trim().length > 200) errors.name = 'The name must be 200 characters or fewer.';
  const slug = v.slug.trim();
  if (!slug) errors.slug = 'Enter a short address name, for example “system-change-2026”.';
  else if (!SLUG_PATTERN.test(slug) || slug.length > SLUG_MAX)
    errors.slug = 'Use lower-case letters, digits and single hyphens only (at most 80 characters).';
  const zone = v.timeZone.trim();
  if (!zone) errors.timeZone = 'Enter the programme’s time zone, for example Europe/London.';
  else if (zones.length > 0 && !zones.includes(zone) && zone !== 'UTC') errors.timeZone = `“${zone}” is not a time zone we know. Choose one from the list, for example Europe/London.`;
  return errors;
}

export function createInput(v: ProgrammeValues): CreateProgrammeInput {
  return {
    name: v.name.trim(),
    slug: v.slug.trim(),
    description: optionalText(v.description),
    timeZone: v.timeZone.trim(),
    public: v.public,
  };
}

/** Only what changed, so an unchanged form sends an empty input. */
export function updateInput(v: ProgrammeValues, initial: ProgrammeValues): UpdateProgrammeInput {
  const input: UpdateProgrammeInput = {};
  const rec = input as Record<string, unknown>;
  diffRequired(rec, 'name', v.name.trim(), initial.name);
  diffRequired(rec, 'slug', v.slug.trim(), initial.slug);
  diffOptionalText(rec, 'description', v.description, initial.description);
  diffRequired(rec, 'timeZone', v.timeZone.trim(), initial.timeZone);
  diffRequired(rec, 'public', v.public, initial.public);
  return input;
}
