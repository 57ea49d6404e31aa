import { useSearchParams } from 'react-router-dom';

/** The section chosen by ?tab=…; the first one when the address names none or an unknown one. */
export function usePageTab<K extends string>(tabs: readonly [K, ...K[]]): K {
  const [params] = useSearchParams();
  const asked = params.get('tab') ?? '';
  return (tabs as readonly string[]).includes(asked) ? (asked as K) : tabs[0];
}
