import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { STANCES, TRIPARTITE, type ActionItemDetail, type Position, type Stance } from '../api/types';
import { useCurrentUser } from '../auth/AuthContext';
import { ConsensusBadge, StanceBadge } from '../components/Badges';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { FieldNote } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { formatDateTime } from '../i18n/format';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { SubmitRow } from '../components/FormCard';
import { useWording } from '../lib/useWording';
import { SectionHeader } from '../components/SectionHeader';
import { TranslatedText } from '../translations/TranslatedText';

function PositionCard({ position }: { position: Position }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`position-card constituency--${position.organization.constituency}`}>
      <p className="position-org">
        <LocalizedName value={position.organization.name} />
      </p>
      <p>
        <StanceBadge stance={position.stance} />
      </p>
      {position.statement ? <TranslatedText className="prewrap position-statement" original={position.statement} translations={position.translations} /> : null}
      <p className="muted small">
        {t('positions.statedBy', { name: position.author?.displayName ?? t('activity.system'), date: formatDateTime(position.createdAt, i18n.language) })}
        {position.supersededAt ? ` · ${t('positions.supersededOn', { date: formatDateTime(position.supersededAt, i18n.language) })}` : ''}
      </p>
    </li>
  );
}

/**
 * Each constituency's stated positions side by side (government | employers | workers), the other organizations
 * below, the consensus they add up to, and a form for the reader's own organization.
 */
export function PositionsSection({ item, onChanged }: { item: ActionItemDetail; onChanged: (item: ActionItemDetail) => void }) {
  const { t } = useTranslation();
  const others = item.positions.filter((p) => !TRIPARTITE.includes(p.organization.constituency));
  const [historyOpen, setHistoryOpen] = useState(false);
  const [history, setHistory] = useState<Position[] | null>(null);
  const [historyError, setHistoryError] = useState<unknown>(null);

  useEffect(() => {
    if (!historyOpen) return;
    setHistory(null);
    setHistoryError(null);
    api.actionItems
      .positionHistory(item.id)
      .then((r) => setHistory(r.items))
      .catch(setHistoryError);
  }, [historyOpen, item.id, item.positions.length, item.updatedAt]);

  return (
    <section className="card positions" aria-labelledby="positions-title">
      <SectionHeader id="positions-title" title={t('positions.title')}>
        <ConsensusBadge consensus={item.consensus} withLabel />
      </SectionHeader>
      <p className="muted small">{t(`positions.consensusExplain.${item.consensus}`)}</p>
      <div className="positions-grid">
        {TRIPARTITE.map((c) => {
          const mine = item.positions.filter((p) => p.organization.constituency === c);
          return (
            <section key={c} className={`positions-column constituency--${c}`} aria-labelledby={`pos-${c}`}>
              <h3 id={`pos-${c}`} className="group-heading">
                <span className="swatch" aria-hidden="true" />
                {t(`constituencyPlural.${c as 'government' | 'employers' | 'workers'}`)}
              </h3>
              {mine.length ? (
                <ul className="position-list">
                  {mine.map((p) => (
                    <PositionCard key={p.id} position={p} />
                  ))}
                </ul>
              ) : (
                <p className="muted small">{t('positions.noneYet')}</p>
              )}
            </section>
          );
        })}
      </div>
      {others.length ? (
        <section aria-labelledby="pos-others" className="positions-others">
          <h3 id="pos-others">{t('positions.others')}</h3>
          <ul className="position-list position-list--wide">
            {others.map((p) => (
              <PositionCard key={p.id} position={p} />
            ))}
          </ul>
        </section>
      ) : null}
      {item.can.statePosition ? <StatePositionForm item={item} onChanged={onChanged} /> : null}
      <div className="button-row">
        <button type="button" className="button button--small button--secondary" aria-expanded={historyOpen} onClick={() => setHistoryOpen((o) => !o)}>
          {historyOpen ? t('positions.hideHistory') : t('positions.showHistory')}
        </button>
      </div>
      {historyOpen ? (
        historyError ? (
          <LoadError error={historyError} />
        ) : !history ? (
          <Loading />
        ) : history.length ? (
          <ol className="position-list position-history" aria-label={t('positions.historyLabel')}>
            {history.map((p) => (
              <PositionCard key={p.id} position={p} />
            ))}
          </ol>
        ) : (
          <p className="muted">{t('positions.noHistory')}</p>
        )
      ) : null}
    </section>
  );
}

function StatePositionForm({ item, onChanged }: { item: ActionItemDetail; onChanged: (item: ActionItemDetail) => void }) {
  const { t, msg } = useWording();
  const user = useCurrentUser();
  const current = item.positions.find((p) => p.organization.id === user.organization.id) ?? null;
  const [stance, setStance] = useState<Stance | ''>(current?.stance ?? '');
  const [statement, setStatement] = useState(current?.statement ?? '');
  const [error, setError] = useState<Message | null>(null);
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setStance(current?.stance ?? '');
    setStatement(current?.statement ?? '');
  }, [current?.id]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!stance) {
      setFieldError(message('positions.chooseStance'));
      return;
    }
    setSaving(true);
    setError(null);
    setFieldError(null);
    try {
      const updated = await api.actionItems.statePosition(item.id, stance, statement.trim());
      onChanged(updated);
      setNotice(message('positions.stated', { stance: t(`stance.${stance}`) }));
    } catch (err) {
      const result = formErrorsFrom(err, ['stance', 'statement']);
      setFieldError(result.fields.stance ?? result.fields.statement ?? null);
      setError(result.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="inline-form state-position" onSubmit={onSubmit} noValidate aria-labelledby="state-position-title">
      <h3 id="state-position-title">
        {current ? t('positions.changeTitle') : t('positions.stateTitle')} — <LocalizedName value={user.organization.name} />
      </h3>
      <div aria-live="polite">{notice ? <Notice>{msg(notice)}</Notice> : null}</div>
      {error ? <ErrorAlert>{msg(error)}</ErrorAlert> : null}
      <fieldset className={`fieldset${fieldError ? ' field--invalid' : ''}`} aria-describedby={fieldError ? 'stance-error' : undefined}>
        <legend>
          {t('positions.stance')}
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        <div className="radio-row">
          {STANCES.map((s) => (
            <label key={s} className={`choice stance-choice stance--${s}`}>
              <input type="radio" name="stance" value={s} checked={stance === s} onChange={() => setStance(s)} />
              {t(`stance.${s}`)}
            </label>
          ))}
        </div>
        <FieldNote kind="error" id="stance-error">
          {msg(fieldError)}
        </FieldNote>
      </fieldset>
      <div className="field">
        <label htmlFor="position-statement">{t('positions.statement')}</label>
        <textarea
          id="position-statement"
          rows={3}
          maxLength={4000}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          aria-describedby="statement-hint"
        />
        <p className="field-hint" id="statement-hint">
          {t('positions.statementHint')}
        </p>
      </div>
      <SubmitRow busy={saving} label={current ? t('positions.update') : t('positions.submit')} />
    </form>
  );
}
