import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { Completeness } from '../api/types';
import { TableFrame } from '../components/DataTable';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { SelectField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { Breadcrumb, PageHeader } from '../components/PageHeader';
import { formatDate } from '../i18n/format';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { useParkDirectory } from './parts';
import { formatPeriod } from './periods';

type Rates = Completeness['total'];
const CELL_MARKS = { on_time: '✓', late: '!', missing: '✗', not_due: '·' } as const;

/**
 * Who has reported an indicator: parks × periods of a province (or all parks), each cell reported on time, late,
 * missing or not due yet, with the reporting and timeliness rates per park, per city and in all.
 */
export default function CompletenessPage() {
  const { ref = '' } = useParams();
  const { t, i18n, label } = useWording();
  const [params, setParams] = useSearchParams();
  const province = params.get('province') ?? '';
  const directory = useParkDirectory();
  const matrix = useResource((signal) => api.indicators.completeness(ref, province ? { province } : {}, signal), [ref, province]);
  const percent = (rate: number | null) => (rate === null ? t('completeness.noRate') : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(rate));
  const ratesText = (r: Rates) =>
    t('completeness.rates', { reporting: percent(r.reportingRate), timeliness: percent(r.timelinessRate), late: r.late, missing: r.missing });

  const m = matrix.data;
  return (
    <>
      <Breadcrumb to="/indicators" label={t('indicators.areaTitle')}>
        {' / '}
        <Link to={`/indicators/${encodeURIComponent(ref)}`}>{ref}</Link>
      </Breadcrumb>
      <PageHeader
        title={m ? t('completeness.title', { name: label(m.indicator.name) }) : t('completeness.titleShort')}
        description={
          m
            ? t('completeness.intro', { frequency: t(`completeness.frequency.${m.frequency}`), days: m.dueDays, today: formatDate(m.today, i18n.language) })
            : undefined
        }
      />
      <SelectField
        label={t('completeness.province')}
        value={province}
        onChange={(value) => setParams(value ? { province: value } : {}, { replace: true })}
        emptyLabel={t('completeness.allProvinces')}
        options={directory.provinces.map((p) => ({ value: p, label: p }))}
      />
      {matrix.error ? (
        <LoadError error={matrix.error} onRetry={matrix.reload} />
      ) : !m ? (
        <Loading />
      ) : !m.parks.length ? (
        <EmptyState>{t('completeness.noParks')}</EmptyState>
      ) : (
        <>
          <p>
            <strong>{t('completeness.total')}</strong>
            {t('common.colon')}
            {ratesText(m.total)}
          </p>
          <p className="muted small">
            {(['on_time', 'late', 'missing', 'not_due'] as const).map((s) => `${CELL_MARKS[s]} ${t(`completeness.cell.${s}`)}`).join(' · ')}
          </p>
          <TableFrame
            caption={t('completeness.matrixCaption')}
            headers={[t('completeness.park'), ...m.periods.map((p) => formatPeriod(p.period, i18n.language)), t('completeness.parkRates')]}
          >
            {m.parks.map((row) => (
              <tr key={row.park.id}>
                <th scope="row">
                  <Link to={`/parks/${row.park.id}`}>
                    <LocalizedName value={row.park.name} />
                  </Link>
                  <span className="muted small block">{row.city}</span>
                </th>
                {row.cells.map((cell, i) => (
                  <td
                    key={m.periods[i].period}
                    className={`completeness-cell completeness-cell--${cell}`}
                    data-status={cell}
                    data-label={formatPeriod(m.periods[i].period, i18n.language)}
                    title={t('completeness.due', { date: formatDate(m.periods[i].due, i18n.language) })}
                  >
                    <span aria-hidden="true">{CELL_MARKS[cell]} </span>
                    {t(`completeness.cell.${cell}`)}
                  </td>
                ))}
                <td data-label={t('completeness.parkRates')}>{ratesText(row.rates)}</td>
              </tr>
            ))}
          </TableFrame>
          <TableFrame
            caption={t('completeness.cityCaption')}
            captionVisible
            headers={[t('completeness.city'), t('completeness.parks'), t('completeness.parkRates')]}
          >
            {m.cities.map((c) => (
              <tr key={`${c.province}/${c.city}`}>
                <th scope="row">
                  {c.city}
                  {t('common.listSeparator')}
                  {c.province}
                </th>
                <td>{c.parks}</td>
                <td>{ratesText(c.rates)}</td>
              </tr>
            ))}
          </TableFrame>
        </>
      )}
    </>
  );
}
