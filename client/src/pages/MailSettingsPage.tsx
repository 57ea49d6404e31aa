import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { MAIL_MODES, type MailKind, type MailMode, type MailPreferences } from '../api/types';
import { LoadError, Loading, Notice } from '../components/Feedback';
import { optionsOf, SelectField, TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));

/** What a person is mailed about, and when: each kind at once, in the daily digest, or never; the digest's hour and zone. */
export default function MailSettingsPage() {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<MailPreferences | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.mail.preferences().then(setPrefs, setError);
  }, []);

  if (error && !prefs) return <LoadError error={error} />;
  if (!prefs) return <Loading />;

  const setMode = (kind: MailKind, mode: MailMode) => setPrefs({ ...prefs, kinds: prefs.kinds.map((k) => (k.kind === kind ? { kind, mode } : k)) });
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      setPrefs(await api.mail.setPreferences({ timeZone: prefs.timeZone, digestHour: prefs.digestHour, kinds: prefs.kinds }));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title={t('mailSettings.title')} description={t('mailSettings.intro')} />
      <form className="form" onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>{t('mailSettings.kinds')}</legend>
          {prefs.kinds.map(({ kind, mode }) => (
            <SelectField<MailMode>
              key={kind}
              label={t(`mailSettings.kind.${kind.replace('.', '_') as 'mention'}`)}
              value={mode}
              onChange={(m) => setMode(kind, m)}
              options={optionsOf(MAIL_MODES, (m) => t(`mailSettings.mode.${m}`))}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('mailSettings.digest')}</legend>
          <SelectField<string>
            label={t('mailSettings.digestHour')}
            value={prefs.digestHour === null ? '' : String(prefs.digestHour)}
            emptyLabel={t('mailSettings.noDigest')}
            onChange={(h) => setPrefs({ ...prefs, digestHour: h === '' ? null : Number(h) })}
            options={HOURS.map((h) => ({ value: h, label: `${h.padStart(2, '0')}:00` }))}
          />
          <TextField
            label={t('mailSettings.timeZone')}
            hint={t('mailSettings.timeZoneHint')}
            value={prefs.timeZone}
            onChange={(timeZone) => setPrefs({ ...prefs, timeZone })}
          />
        </fieldset>
        {error ? <LoadError error={error} /> : null}
        {saved ? <Notice>{t('mailSettings.saved')}</Notice> : null}
        <button type="submit" className="button" disabled={saving}>
          {t('mailSettings.save')}
        </button>
      </form>
    </>
  );
}
