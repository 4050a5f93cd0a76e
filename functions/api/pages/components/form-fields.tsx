/**
 * The field components the editor's entry form and the refer form share: the field wrapper with its
 * label, hint and error message; text inputs and textareas, selects, checkbox and radio groups and a
 * single confirm checkbox. Hint and error are tied to the control by aria-describedby, and a field in
 * error gets the `field-error` class and aria-invalid="true".
 */
import type { Child } from 'hono/jsx';

export type Option = { value: string; label: string };

/** Where one rendering's fields get their ids, words, errors and values. */
export type FieldSource<N extends string> = {
  fieldId: (name: N) => string;
  label: (name: N) => string;
  hint: (name: N) => string | undefined;
  /** The first error message of each field in error. */
  errors: ReadonlyMap<string, string>;
  /** Visually hidden text before an error message. */
  errorPrefix: string;
  value: (name: N) => string;
  values: (name: N) => readonly string[];
};

export type TextProps<N extends string> = {
  name: N;
  /** A textarea of this many rows instead of an input. */
  rows?: number | undefined;
  type?: 'text' | 'url' | 'email' | 'tel' | undefined;
  lang?: 'sv' | 'en' | undefined;
  inputmode?: 'numeric' | 'decimal' | undefined;
  autocomplete?: string | undefined;
  maxlength?: number | undefined;
  spellcheck?: boolean | undefined;
  width?: 'short' | 'medium' | undefined;
  /**
   * A textarea's character limit shown as a live count by the site script (the hint states it without
   * script). Unlike `maxlength` it never cuts pasted text: the server refuses too long a text, naming the limit.
   */
  count?: { limit: number; /** `{n}` and `{limit}` filled in */ within: string; /** `{over}` and `{limit}` filled in */ over: string } | undefined;
};

export const fieldKit = <N extends string>(source: FieldSource<N>) => {
  const { fieldId, label, hint, errors, value } = source;
  const describedBy = (name: N) =>
    [hint(name) ? `${fieldId(name)}-hint` : '', errors.has(name) ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (name: N) => (errors.has(name) ? ('true' as const) : undefined);
  const fieldClass = (name: N) => `field${errors.has(name) ? ' field-error' : ''}`;

  const Hint = (props: { name: N }) => {
    const text = hint(props.name);
    return text ? (
      <p class="hint" id={`${fieldId(props.name)}-hint`}>
        {text}
      </p>
    ) : null;
  };
  const ErrorMessage = (props: { name: N }) => {
    const error = errors.get(props.name);
    return error ? (
      <p class="error-message" id={`${fieldId(props.name)}-error`}>
        <span class="vh">{source.errorPrefix}</span>
        {error}
      </p>
    ) : null;
  };

  /** A field's box: its label, hint and error message, then its control. */
  const Field = (props: { name: N; children: Child }) => (
    <div class={fieldClass(props.name)}>
      <label for={fieldId(props.name)}>{label(props.name)}</label>
      <Hint name={props.name} />
      <ErrorMessage name={props.name} />
      {props.children}
    </div>
  );

  const Text = (props: TextProps<N>) => {
    const { name } = props;
    const common = { id: fieldId(name), name, lang: props.lang, 'aria-describedby': describedBy(name), 'aria-invalid': invalid(name), maxlength: props.maxlength };
    return (
      <Field name={name}>
        {props.rows ? (
          <>
            <textarea {...common} rows={props.rows} autocomplete={props.autocomplete} data-count-limit={props.count ? String(props.count.limit) : undefined} data-count-within={props.count?.within} data-count-over={props.count?.over}>
              {value(name)}
            </textarea>
            {props.count && <p class="hint char-count" id={`${fieldId(name)}-count`} hidden />}
          </>
        ) : (
          <input
            {...common}
            type={props.type ?? 'text'}
            value={value(name)}
            inputmode={props.inputmode}
            autocomplete={props.autocomplete}
            spellcheck={props.spellcheck}
            class={props.width ? `input-${props.width}` : undefined}
          />
        )}
      </Field>
    );
  };

  /** A select, led by an option for no choice when `empty` is given. */
  const Select = (props: { name: N; options: readonly Option[]; empty?: string | undefined }) => {
    const { name } = props;
    const current = value(name);
    return (
      <Field name={name}>
        <select id={fieldId(name)} name={name} aria-describedby={describedBy(name)} aria-invalid={invalid(name)}>
          {props.empty !== undefined && (
            <option value="" selected={current === ''}>
              {props.empty}
            </option>
          )}
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === current}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  /** A checkbox or radio group in a fieldset whose legend is the field's label. */
  const Choices = (props: { name: N; type: 'checkbox' | 'radio'; options: readonly Option[]; columns?: boolean; required?: boolean }) => {
    const { name } = props;
    const chosen = new Set(source.values(name));
    return (
      <fieldset class={fieldClass(name)} id={fieldId(name)} tabindex={-1} aria-describedby={describedBy(name)}>
        <legend>{label(name)}</legend>
        <Hint name={name} />
        <ErrorMessage name={name} />
        <ul class={`checks${props.columns ? ' columns' : ''}`}>
          {props.options.map((option) => {
            const id = `${fieldId(name)}-${option.value}`;
            return (
              <li>
                <input type={props.type} id={id} name={name} value={option.value} required={props.required} checked={chosen.has(option.value)} />
                <label for={id}>{option.label}</label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    );
  };

  /** One checkbox posting `yes`, its label after it. */
  const Confirm = (props: { name: N }) => {
    const { name } = props;
    return (
      <div class={fieldClass(name)}>
        <ErrorMessage name={name} />
        <div class="confirm">
          <input
            type="checkbox"
            id={fieldId(name)}
            name={name}
            value="yes"
            checked={value(name) === 'yes'}
            aria-describedby={describedBy(name)}
            aria-invalid={invalid(name)}
          />
          <label for={fieldId(name)}>{label(name)}</label>
        </div>
        <Hint name={name} />
      </div>
    );
  };

  return { describedBy, invalid, fieldClass, Hint, ErrorMessage, Field, Text, Select, Choices, Confirm };
};
