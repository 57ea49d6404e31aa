import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { GenderBalance as GenderBalanceData } from '../api/types';
import { TRIPARTITE } from '../api/types';
import { percent } from '../roundtables/voting';

/**
 * Women's share of a delegation (of those who stated their sex), overall and per constituency, the warning below the
 * ILO minimum of 30%, and how many did not say.
 */
export function GenderBalance({ gender }: { gender: GenderBalanceData }) {
  const { t } = useTranslation();
  const id = useId();
  const stated = gender.women + gender.men;
  const groups = gender.byConstituency.filter((g) => (TRIPARTITE as readonly string[]).includes(g.constituency) || g.total > 0);
  return (
    <section className="gender-balance" aria-labelledby={id}>
      <h3 id={id}>{t('gender.title')}</h3>
      {gender.womenShare === null ? (
        <p className="muted">{t('gender.noneStated')}</p>
      ) : (
        <p className="gender-share">{t('gender.share', { share: percent(gender.womenShare) ?? '', women: gender.women, stated })}</p>
      )}
      {gender.belowTarget ? (
        <p className="alert alert--warning gender-warning">
          <span aria-hidden="true">⚠ </span>
          {t('gender.belowTarget')}
        </p>
      ) : null}
      {gender.notStated > 0 ? <p className="muted small">{t('gender.notStated', { count: gender.notStated })}</p> : null}
      <h4 className="small">{t('gender.byConstituency')}</h4>
      <ul className="gender-groups">
        {groups.map((g) => (
          <li key={g.constituency} className={g.belowTarget ? 'gender-group gender-group--below' : 'gender-group'}>
            <span>{t(`constituency.${g.constituency}`)}</span>
            {t('common.colon')}
            <span>
              {g.womenShare === null
                ? t('gender.groupNone')
                : t('gender.groupShare', { share: percent(g.womenShare) ?? '', women: g.women, stated: g.women + g.men })}
              {g.belowTarget ? <strong className="gender-below"> ⚠ {t('gender.below')}</strong> : null}
              {g.notStated > 0 ? <span className="muted small"> · {t('gender.groupNotStated', { count: g.notStated })}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
