import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { Caucus, LocalizedText, Roundtable } from '../api/types';
import { ConstituencyBadge } from '../components/Badges';
import { BilingualTextInput, cleanBilingual, isBilingualEmpty } from '../components/BilingualTextInput';
import { ErrorAlert, Notice } from '../components/Feedback';
import { SubmitButton } from '../components/FormCard';
import { ResourceView } from '../components/RecordSections';
import { SectionHeader } from '../components/SectionHeader';
import { DiscussionPanel } from '../discussion/LazyDiscussionPanel';
import { formatDateTime } from '../i18n/format';
import { htmlLangOf, localized } from '../i18n/localized';
import { message, type Message } from '../lib/message';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useResource } from '../lib/useResource';
import { useWording } from '../lib/useWording';
import { useGroupName } from './VoteParts';

/**
 * The three groups' caucuses: your own group's private channel and its agreed statement (which you may publish), and
 * every group's published statement, part of the plenary record.
 */
export function CaucusesSection({ roundtable }: { roundtable: Roundtable }) {
  const { t } = useWording();
  const groupName = useGroupName();
  const caucuses = useResource(() => api.roundtables.caucuses(roundtable.id), [roundtable.id]);
  return (
    <section aria-labelledby="rt-caucuses">
      <SectionHeader id="rt-caucuses" title={t('caucuses.title')} />
      <p className="muted">{t('caucuses.intro')}</p>
      <ResourceView resource={caucuses}>
        {(list) => {
          const mine = list.find((c) => c.channelId !== null) ?? null;
          return (
            <>
              {mine ? (
                <section className="caucus-own" aria-labelledby="rt-caucus-own">
                  <h3 id="rt-caucus-own">{t('caucuses.yours', { group: groupName(mine.constituency) })}</h3>
                  <DiscussionPanel kind="caucus" refId={mine.id} title={t('caucuses.channel', { group: groupName(mine.constituency) })} level={3} />
                  <StatementForm
                    roundtable={roundtable}
                    caucus={mine}
                    onPublished={(saved) => caucuses.setData((current) => current?.map((c) => (c.id === saved.id ? { ...saved, channelId: c.channelId } : c)))}
                  />
                </section>
              ) : (
                <p className="muted small">{t('caucuses.notMember')}</p>
              )}
              <CaucusStatementList caucuses={list} />
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

/** Each group's published statement, as the plenary record shows it. */
export function CaucusStatementList({ caucuses }: { caucuses: readonly Caucus[] }) {
  const { t, i18n } = useWording();
  const groupName = useGroupName();
  return (
    <section aria-labelledby="rt-caucus-statements" className="caucus-statements">
      <h3 id="rt-caucus-statements">{t('caucuses.statements')}</h3>
      <ul className="caucus-statement-list">
        {caucuses.map((c) => {
          const text = localized(c.statement, i18n.language);
          return (
            <li
              key={c.id}
              className={`card caucus-statement constituency--${c.constituency}`}
              aria-label={t('caucuses.statementOf', { group: groupName(c.constituency) })}
            >
              <p>
                <ConstituencyBadge constituency={c.constituency} />
              </p>
              {c.statement ? (
                <>
                  <p className="prewrap" lang={text.fallback && text.language ? htmlLangOf(text.language) : undefined}>
                    {text.text}
                  </p>
                  {c.publishedAt ? (
                    <p className="muted small">
                      {t('caucuses.publishedBy', { name: c.publishedBy?.displayName ?? '', date: formatDateTime(c.publishedAt, i18n.language) })}
                    </p>
                  ) : null}
                </>
              ) : (
                <p className="muted">{t('caucuses.noStatement')}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The published statements alone (the decisions tab: the plenary record); nothing until one is published. */
export function PublishedCaucusStatements({ roundtableId }: { roundtableId: string }) {
  const caucuses = useResource(() => api.roundtables.caucuses(roundtableId), [roundtableId]);
  const published = (caucuses.data ?? []).filter((c) => c.statement);
  return published.length ? <CaucusStatementList caucuses={published} /> : null;
}

function StatementForm({ roundtable, caucus, onPublished }: { roundtable: Roundtable; caucus: Caucus; onPublished: (caucus: Caucus) => void }) {
  const { t, msg } = useWording();
  const [statement, setStatement] = useState<LocalizedText>({ en: caucus.statement?.en ?? '', zh: caucus.statement?.zh ?? '' });
  const [done, setDone] = useState(false);
  const { errors, formError, saving, check, save } = useFormSubmission(['statement']);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const local: Record<string, Message> = {};
    if (isBilingualEmpty(statement)) local.statement = message('errors.field.oneLanguage');
    if (!check(local)) return;
    await save(async () => {
      onPublished(await api.roundtables.publishCaucusStatement(roundtable.id, caucus.constituency, cleanBilingual(statement)));
      setDone(true);
    });
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-labelledby={`statement-${caucus.id}`}>
      <h4 id={`statement-${caucus.id}`}>{t('caucuses.statement')}</h4>
      {formError ? <ErrorAlert>{msg(formError)}</ErrorAlert> : null}
      <BilingualTextInput legend={t('caucuses.statement')} value={statement} onChange={setStatement} error={msg(errors.statement)} maxLength={5000} rows={4} />
      <div className="form-actions">
        <SubmitButton busy={saving} label={caucus.statement ? t('caucuses.republish') : t('caucuses.publish')} busyLabel={t('common.working')} />
      </div>
      <div aria-live="polite">{done ? <Notice>{t('caucuses.published')}</Notice> : null}</div>
    </form>
  );
}
