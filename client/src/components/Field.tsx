import { useId, type ChangeEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

/** A field's hint or error, which its control names in aria-describedby; nothing when there is none. */
export function FieldNote({ kind, id, children }: { kind: 'hint' | 'error'; id?: string; children: ReactNode }) {
  return children ? (
    <p className={`field-${kind}`} id={id}>
      {children}
    </p>
  ) : null;
}

/** Label, control, hint and error, wired together with aria-describedby. */
function FieldFrame({ id, label, error, hint, required, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required-mark" aria-hidden="true" title={t('form.required')}>
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children(describedBy)}
      <FieldNote kind="hint" id={hintId}>
        {hint}
      </FieldNote>
      <FieldNote kind="error" id={errorId}>
        {error}
      </FieldNote>
    </div>
  );
}

/** The given id, or one made up for the field. */
function useFieldId(id: string | undefined) {
  const autoId = useId();
  return id ?? autoId;
}

interface ControlState {
  id: string;
  value: string;
  required?: boolean;
  error?: string | null;
  describedBy: string | undefined;
  onChange: (value: string) => void;
}

/** What the input or select of a field carries: its id, value, validity and description, and its change handler. */
function controlProps({ id, value, required, error, describedBy, onChange }: ControlState) {
  return {
    id,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange(e.target.value),
  };
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: ReactNode;
};

export function TextField({ label, value, onChange, error, hint, id, required, ...input }: TextFieldProps) {
  const fieldId = useFieldId(id);
  return (
    <FieldFrame id={fieldId} label={label} error={error} hint={hint} required={required}>
      {(describedBy) => <input {...input} {...controlProps({ id: fieldId, value, required, error, describedBy, onChange })} />}
    </FieldFrame>
  );
}

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

/** Options for the words of a fixed list, each labelled by `label`. */
export const optionsOf = <V extends string>(values: readonly V[], label: (value: V) => string): Option<V>[] =>
  values.map((value) => ({ value, label: label(value) }));

export type SelectFieldProps<V extends string = string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  value: V;
  /** Called with one of the options' values (or '' for the empty option). */
  onChange: (value: V) => void;
  options: readonly Option<V>[];
  /** Adds a first, empty option (e.g. "All" in a filter, "Choose…" in a form). */
  emptyLabel?: string;
  error?: string | null;
  hint?: ReactNode;
};

export function SelectField<V extends string = string>({
  label,
  value,
  onChange,
  options,
  emptyLabel,
  error,
  hint,
  id,
  required,
  ...select
}: SelectFieldProps<V>) {
  const fieldId = useFieldId(id);
  return (
    <FieldFrame id={fieldId} label={label} error={error} hint={hint} required={required}>
      {(describedBy) => (
        <select {...select} {...controlProps({ id: fieldId, value, required, error, describedBy, onChange: (v) => onChange(v as V) })}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | null;
  disabled?: boolean;
}

export function CheckboxField({ label, checked, onChange, error, disabled }: CheckboxFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldNote kind="error" id={errorId}>
        {error}
      </FieldNote>
    </div>
  );
}
