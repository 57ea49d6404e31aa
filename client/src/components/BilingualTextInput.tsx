import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/types';
import { FieldNote } from './Field';

interface BilingualTextInputProps {
  legend: string;
  value: LocalizedText;
  onChange: (value: LocalizedText) => void;
  /** One message for the pair (the API reports { en, zh } fields as a whole). */
  error?: string | null;
  required?: boolean;
  maxLength?: number;
  /** Text areas instead of one-line inputs (descriptions, minutes, decisions). */
  rows?: number;
  /** A hint shown instead of the default "at least one language". */
  hint?: string;
}

const LANGUAGES = [
  { key: 'en', lang: 'en', label: 'bilingual.english' },
  { key: 'zh', lang: 'zh-CN', label: 'bilingual.chinese' },
] as const;

/** Two inputs, English and 中文, for one { en, zh } field; at least one must be filled in when required. */
export function BilingualTextInput({ legend, value, onChange, error, required = true, maxLength = 200, rows, hint }: BilingualTextInputProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const showHint = required || hint !== undefined;
  const describedBy = [error ? errorId : null, showHint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const Control = rows ? 'textarea' : 'input';
  return (
    <fieldset className={`field bilingual${error ? ' field--invalid' : ''}`} aria-describedby={describedBy}>
      <legend>
        {legend}
        {required ? (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </legend>
      <div className="bilingual-inputs">
        {LANGUAGES.map(({ key, lang, label }) => (
          <div key={key} className="bilingual-input">
            <label htmlFor={`${id}-${key}`}>{t(label)}</label>
            <Control
              id={`${id}-${key}`}
              rows={rows}
              lang={lang}
              value={value[key] ?? ''}
              maxLength={maxLength}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <FieldNote kind="hint" id={hintId}>
        {showHint ? (hint ?? t('bilingual.hint')) : null}
      </FieldNote>
      <FieldNote kind="error" id={errorId}>
        {error}
      </FieldNote>
    </fieldset>
  );
}

/** The value to send: trimmed, empty languages left out. */
export function cleanBilingual(value: LocalizedText): LocalizedText {
  const out: LocalizedText = {};
  if (value.en?.trim()) out.en = value.en.trim();
  if (value.zh?.trim()) out.zh = value.zh.trim();
  return out;
}

export const isBilingualEmpty = (value: LocalizedText) => !value.en?.trim() && !value.zh?.trim();
