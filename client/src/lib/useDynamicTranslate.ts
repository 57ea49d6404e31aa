import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from './formErrors';

/**
 * t() for keys computed at run time (error mappings). Literal keys should use t() itself, which the compiler checks;
 * the computed ones are covered by the key tests in api/errors.spec.ts.
 */
export function useDynamicTranslate(): Translate {
  const { t } = useTranslation();
  return useCallback((key, values) => (t as unknown as (k: string, v?: object) => string)(key, values), [t]);
}
