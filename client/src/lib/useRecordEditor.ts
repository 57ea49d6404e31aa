import { useState } from 'react';
import type { Message } from './message';
import { useFormSubmission } from './useFormSubmission';

/**
 * The create/edit form of a list page: which record is open ('new' for a new one), its draft, the form's errors and
 * the notice left on the page once it is saved.
 */
export function useRecordEditor<T extends object, D>(fields: readonly string[], emptyDraft: D, toDraft: (record: T) => D) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [draft, setDraft] = useState<D>(emptyDraft);
  const [notice, setNotice] = useState<Message | null>(null);
  const form = useFormSubmission(fields);

  const start = (record: T | 'new') => {
    setEditing(record);
    setDraft(record === 'new' ? emptyDraft : toDraft(record));
    form.reset();
    setNotice(null);
  };

  const close = () => setEditing(null);

  /** Sends the draft; once saved, the form closes and the page says what `send` answers. */
  const save = (send: () => Promise<Message>) =>
    form.save(async () => {
      const done = await send();
      setEditing(null);
      setNotice(done);
    });

  return { editing, draft, setDraft, notice, setNotice, form, start, close, save };
}
