import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { SEXES, type Sex } from '../api/types';
import { ErrorAlert, LoadError, Loading, Notice } from '../components/Feedback';
import { PageHeader } from '../components/PageHeader';
import { formErrorsFrom } from '../lib/formErrors';
import { useMessage } from '../lib/message';

/** What a person tells the platform about themself: their sex, self-declared and optional (for the gender balance). */
export default function ProfilePage() {
  const { t } = useTranslation();
  const msg = useMessage();
  const [sex, setSex] = useState<Sex | '' | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.auth.me().then((me) => setSex(me.sex ?? ''), setLoadError);
  }, []);

  if (loadError) return <LoadError error={loadError} />;
  if (sex === null) return <Loading />;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      const me = await api.auth.updateMe({ sex: sex || null });
      setSex(me.sex ?? '');
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.intro')} />
      <form className="form card" onSubmit={(e) => void save(e)}>
        <fieldset className="fieldset">
          <legend>{t('profile.sexLegend')}</legend>
          <p className="muted small">{t('profile.sexExplain')}</p>
          <div className="radio-column">
            {SEXES.map((s) => (
              <label key={s} className="choice">
                <input type="radio" name="sex" value={s} checked={sex === s} onChange={() => setSex(s)} />
                {t(`sex.${s}`)}
              </label>
            ))}
            <label className="choice">
              <input type="radio" name="sex" value="" checked={sex === ''} onChange={() => setSex('')} />
              {t('users.sexUnanswered')}
            </label>
          </div>
        </fieldset>
        {error ? <ErrorAlert>{msg(formErrorsFrom(error, []).form)}</ErrorAlert> : null}
        <div aria-live="polite">{saved ? <Notice>{t('profile.saved')}</Notice> : null}</div>
        <button type="submit" className="button" disabled={saving}>
          {t('profile.save')}
        </button>
      </form>
    </>
  );
}
