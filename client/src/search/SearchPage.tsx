import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { SearchHit, SearchKind, SearchResults } from '../api/types';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { FilterBar, FilterSelect } from '../components/Filters';
import { TextField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime } from '../i18n/format';
import { searchHitHref } from '../lib/links';
import { useDebounced } from '../lib/useDebounced';

const KINDS: readonly SearchKind[] = ['message', 'roundtable', 'commitment', 'indicator'];

/** Search over messages, roundtables, commitments and indicators, in English and Chinese; each hit opens in context. */
export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as SearchKind) : '';
  const query = useDebounced(q.trim());
  const [results, setResults] = useState<{ items: SearchHit[]; total: number; totalAtLeast: boolean; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    if (kind) next.set('kind', kind);
    setParams(next, { replace: true });
  }, [query, kind, setParams]);

  useEffect(() => {
    if (!query) {
      setResults(null);
      return;
    }
    let live = true;
    setLoading(true);
    setError(null);
    api
      .search({ q: query, kind: kind || undefined, limit: 20 })
      .then((page: SearchResults) => live && setResults(page))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query, kind]);

  const more = async () => {
    if (!results?.nextCursor) return;
    setLoading(true);
    try {
      const page = await api.search({ q: query, kind: kind || undefined, limit: 20, cursor: results.nextCursor });
      setResults({ ...page, items: [...results.items, ...page.items] });
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <PageHeader title={t('search.title')} description={t('search.intro')} />
      <FilterBar label={t('search.title')}>
        <TextField label={t('search.query')} type="search" value={q} onChange={setQ} hint={t('search.hint')} />
        <FilterSelect
          label={t('search.kind')}
          value={kind}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value) next.set('kind', value);
            else next.delete('kind');
            setParams(next, { replace: true });
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`search.kinds.${k}`) }))}
        />
      </FilterBar>
      {error ? <LoadError error={error} /> : null}
      {!query ? null : !results && loading ? (
        <Loading />
      ) : results && results.items.length === 0 ? (
        <EmptyState>{t('search.none', { q: query })}</EmptyState>
      ) : results ? (
        <section aria-labelledby="search-results">
          <h2 id="search-results">
            {results.totalAtLeast ? t('search.resultsAtLeast', { count: results.total }) : t('search.results', { count: results.total })}
          </h2>
          <ol className="search-results">
            {results.items.map((hit) => (
              <li key={`${hit.kind}:${hit.id}`} className="search-hit card">
                <Link to={searchHitHref(hit)} className="search-hit-link">
                  <span className="badge">{t(`search.kinds.${hit.kind}`)}</span>{' '}
                  {hit.title ? <LocalizedName value={hit.title} /> : hit.channel ? t(`search.channel.${hit.channel.kind}`) : null}
                </Link>
                <p className="search-snippet">
                  {hit.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                </p>
                <p className="muted small">
                  {hit.author ? `${hit.author.displayName} · ` : ''}
                  {hit.field && hit.kind !== 'message' ? `${t(`search.fields.${hit.field as 'title'}`, { defaultValue: hit.field })} · ` : ''}
                  <time dateTime={hit.createdAt}>{formatDateTime(hit.createdAt, i18n.language)}</time>
                </p>
              </li>
            ))}
          </ol>
          {results.nextCursor ? (
            <button type="button" className="button button--secondary" onClick={() => void more()} disabled={loading}>
              {loading ? t('common.loading') : t('search.more')}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
