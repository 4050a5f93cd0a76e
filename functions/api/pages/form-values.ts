/**
 * A posted form as field name → values, on a null-prototype object: a field named `__proto__`,
 * `constructor` or `toString` is one more unknown field, never a member of Object.prototype.
 */
import type { Context } from 'hono';

export type FormValues = Record<string, string[]>;

/** An empty FormValues with no prototype, optionally holding `fields`. */
export const formValues = (fields: FormValues = {}): FormValues => Object.assign(Object.create(null) as FormValues, fields);

/** Collects a posted form (FormData or name/value pairs) into FormValues; files are ignored as not text. */
export const readForm = (entries: Iterable<[string, unknown]>): FormValues => {
  const values = formValues();
  for (const [name, value] of entries) (values[name] ??= []).push(typeof value === 'string' ? value : '');
  return values;
};

/** The last value of a field, or ''. */
export const valueOf = (values: FormValues, name: string): string => (Object.hasOwn(values, name) ? values[name]!.at(-1) ?? '' : '');

/** The posted form, or no fields when the body is not a form. */
export const postedForm = async (c: Context): Promise<FormValues> => {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return formValues();
  return readForm((await c.req.formData()).entries());
};
