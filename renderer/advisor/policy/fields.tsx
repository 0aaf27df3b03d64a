import { createContext, useContext, useState, type ReactNode } from 'react';
import type { PolicyProblem } from '../../../preload/policy-editor-contract';
import { useText } from '../i18n';
import { getAt, type Json } from './draft';
import { fieldDomId, fieldKey, problemText, type Path } from './problems';

/** What every field of the editor shares: the draft, how to change it, and the hub's problems by field. */
export interface PolicyForm {
  draft: Json;
  edit: (path: Path, value: Json) => void;
  problems: ReadonlyMap<string, PolicyProblem[]>;
  /** The languages a tile's texts may have (from the hub's schema). */
  locales: readonly string[];
}

export const PolicyFormContext = createContext<PolicyForm>({ draft: {}, edit: () => undefined, problems: new Map(), locales: [] });
export const usePolicyForm = () => useContext(PolicyFormContext);

/** The hub's words for a field: translated, with the precise English reason beside it for IT. */
export function FieldProblems({ field, id }: { field: string; id: string }) {
  const { tr } = useText();
  const problems = usePolicyForm().problems.get(field);
  if (!problems?.length) return null;
  return (
    <div id={id} className="field__error">
      {problems.map((problem, i) => (
        <p key={i}>
          {problemText(problem, tr)}{' '}
          <span className="policy-reason" lang="en">
            ({problem.field}: {problem.reason})
          </span>
        </p>
      ))}
    </div>
  );
}

/**
 * The text in a box while it is being written: a box holding "09:00–" must
 * not be rewritten from the draft at each key, but a restored or discarded
 * draft replaces it.
 */
function useDraftText<T>(value: T, format: (value: T) => string, parse: (text: string) => T): [string, (text: string) => T] {
  const shown = format(value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (shown !== seen) {
    setSeen(shown);
    if (format(parse(text)) !== shown) setText(shown);
  }
  return [
    text,
    (next) => {
      setText(next);
      return parse(next);
    },
  ];
}

const identity = (value: Json) => (value === undefined || value === null ? '' : String(value));

/** One labelled box for one field of the policy, its problems below it. */
export function TextField({
  path,
  label,
  hint,
  format = identity,
  parse = (text) => text,
  multiline = false,
  type = 'text',
  inputMode,
  width,
}: {
  path: Path;
  label: string;
  hint?: string;
  format?: (value: Json) => string;
  parse?: (text: string) => Json;
  multiline?: boolean;
  type?: 'text' | 'url' | 'date';
  inputMode?: 'numeric' | 'text' | 'url';
  width?: 'short' | 'long';
}) {
  const { draft, edit, problems } = usePolicyForm();
  const key = fieldKey(path);
  const id = fieldDomId(key);
  const [text, change] = useDraftText(getAt(draft, path), format, parse);
  const invalid = (problems.get(key)?.length ?? 0) > 0;
  const describedBy = [hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    className: `input${width ? ` input--${width}` : ''}`,
    value: text,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} spellCheck={false} onChange={(e) => edit(path, change(e.target.value))} />
      ) : (
        <input {...common} type={type} inputMode={inputMode} spellCheck={false} onChange={(e) => edit(path, change(e.target.value))} />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldProblems field={key} id={`${id}-error`} />
    </div>
  );
}

/** A yes/no field of the policy. */
export function CheckField({ path, label }: { path: Path; label: string }) {
  const { draft, edit, problems } = usePolicyForm();
  const key = fieldKey(path);
  const id = fieldDomId(key);
  const invalid = (problems.get(key)?.length ?? 0) > 0;
  return (
    <div className="field field--check">
      <input
        id={id}
        type="checkbox"
        className="checkbox"
        checked={getAt(draft, path) === true}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => edit(path, e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldProblems field={key} id={`${id}-error`} />
    </div>
  );
}

/** A part of the editor: its heading, its fields, and the problems that belong to it as a whole. */
export function PolicySectionFrame({ id, heading, path, children }: { id: string; heading: string; path?: Path; children: ReactNode }) {
  return (
    <section id={path ? fieldDomId(fieldKey(path)) : undefined} tabIndex={path ? -1 : undefined} className="policy-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      {children}
      {path ? <FieldProblems field={fieldKey(path)} id={`${fieldDomId(fieldKey(path))}-error`} /> : null}
    </section>
  );
}
