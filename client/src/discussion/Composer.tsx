import { forwardRef, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { MessageAttachment, PersonRef } from '../api/types';
import { problemKey } from '../documents/DocumentsPanel';
import { DraftAttachments, type DraftAttachment } from './MessageAttachments';

const MAX_LENGTH = 4000;
/** The most files one message carries (the server's limit). */
const MAX_ATTACHMENTS = 10;
/** "@" at the start or after a space or bracket, then up to 40 characters of a name (names may hold spaces). */
const MENTION_QUERY = /(?:^|[\s(（])@([^@\n]{0,40})$/;

export interface ComposerHandle {
  focus(): void;
}

interface ComposerProps {
  label: string;
  /** People who can be @mentioned; loaded on the first "@". */
  loadCandidates: () => Promise<PersonRef[]>;
  meId: string;
  replyingTo: string | null;
  onCancelReply: () => void;
  onSend: (body: string, attachments: MessageAttachment[]) => void;
  /** The channel files are uploaded to; without it the composer offers no paperclip (e.g. when editing). */
  attachTo?: string;
  onTyping: () => void;
  initial?: string;
  submitLabel?: string;
  onCancel?: () => void;
}

/** The message box: Enter sends (not while an IME is composing Chinese), Shift+Enter breaks the line, @ suggests names. */
export const Composer = forwardRef<ComposerHandle, ComposerProps>(function Composer(
  { label, loadCandidates, meId, replyingTo, onCancelReply, onSend, onTyping, initial = '', submitLabel, onCancel, attachTo },
  ref,
) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initial);
  const [caret, setCaret] = useState(initial.length);
  const [candidates, setCandidates] = useState<PersonRef[] | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [drafts, setDrafts] = useState<DraftAttachment[]>([]);
  const uploading = drafts.some((d) => !d.document && !d.problem);
  const ready = drafts.filter((d) => d.document).map((d) => d.document!);
  useImperativeHandle(ref, () => ({ focus: () => area.current?.focus() }), []);

  const query = useMemo(() => {
    const match = MENTION_QUERY.exec(text.slice(0, caret));
    return match ? match[1] : null;
  }, [text, caret]);

  useEffect(() => {
    if (query !== null && candidates === null) {
      void loadCandidates()
        .then((list) => setCandidates(list))
        .catch(() => setCandidates([]));
    }
  }, [query, candidates, loadCandidates]);

  const suggestions = useMemo(() => {
    if (query === null || !candidates || dismissed === query) return [];
    const q = query.toLocaleLowerCase();
    return candidates
      .filter((c) => c.id !== meId)
      .filter((c) => {
        const name = c.displayName.toLocaleLowerCase();
        return name.startsWith(q) || name.split(/\s+/).some((part) => part.startsWith(q));
      })
      .slice(0, 6);
  }, [query, candidates, meId, dismissed]);
  const open = suggestions.length > 0;

  useEffect(() => setActive(0), [query]);

  const pick = (person: PersonRef) => {
    const before = text.slice(0, caret);
    const start = before.lastIndexOf('@');
    const next = `${text.slice(0, start)}@${person.displayName} ${text.slice(caret)}`;
    const position = start + person.displayName.length + 2;
    setText(next);
    setCaret(position);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(position, position);
    });
  };

  const changeDraft = (key: string, change: Partial<DraftAttachment>) => setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...change } : d)));

  /** Uploads each picked file to the channel at once, with its progress; it is attached when the message is sent. */
  const attachFiles = (files: FileList | null) => {
    if (!files || !attachTo) return;
    const room = MAX_ATTACHMENTS - drafts.length;
    for (const file of Array.from(files).slice(0, Math.max(room, 0))) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setDrafts((list) => [...list, { key, name: file.name, size: file.size, progress: 0, document: null, problem: null }]);
      api.documents
        .upload({ targetType: 'channel', targetId: attachTo }, file, (progress) => changeDraft(key, { progress }))
        .then((d) =>
          changeDraft(key, {
            progress: 1,
            document: {
              id: d.id,
              name: d.name,
              contentType: d.current.mediaType,
              size: d.current.sizeBytes,
              sha256: d.current.sha256,
              url: `/api/documents/${d.id}/download`,
            },
          }),
        )
        .catch((error: unknown) => changeDraft(key, { problem: t(problemKey(error)) }));
    }
  };

  const submit = () => {
    if (uploading) return;
    // A message of files alone says which files it carries.
    const body = text.trim() || ready.map((a) => a.name).join(', ');
    if (!body || body.length > MAX_LENGTH) return;
    onSend(body, ready);
    setText('');
    setCaret(0);
    setDrafts([]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (open) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setActive((a) => (a + 1) % suggestions.length);
        return;
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(suggestions[active]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(query);
        return;
      }
    }
    if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  const remaining = MAX_LENGTH - text.length;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {replyingTo ? (
        <p className="composer-reply small">
          {t('discussion.replyingTo', { name: replyingTo })}{' '}
          <button type="button" className="link-button" onClick={onCancelReply}>
            {t('discussion.cancelReply')}
          </button>
        </p>
      ) : null}
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <div className="composer-box">
        <textarea
          id={`${id}-text`}
          ref={area}
          rows={2}
          value={text}
          placeholder={label}
          maxLength={MAX_LENGTH + 100}
          // A textbox with suggestions, not a combobox: ARIA allows that role on one-line inputs only.
          aria-autocomplete="list"
          aria-controls={`${id}-mentions`}
          aria-activedescendant={open ? `${id}-mention-${active}` : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
            setDismissed(null);
            if (e.target.value.trim()) onTyping();
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          onBlur={() => window.setTimeout(() => setDismissed(query), 150)}
        />
        <ul id={`${id}-mentions`} role="listbox" className="mention-list" hidden={!open} aria-label={t('discussion.mentionSuggestions')}>
          {suggestions.map((person, index) => (
            <li
              key={person.id}
              id={`${id}-mention-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(person);
              }}
            >
              @{person.displayName}
            </li>
          ))}
        </ul>
        <div className="composer-actions">
          {attachTo ? (
            <>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                aria-label={t('discussion.attachments.choose')}
                onChange={(e) => {
                  attachFiles(e.target.files);
                  e.target.value = '';
                }}
              />
              <button
                type="button"
                className="button button--small button--secondary composer-attach"
                title={t('discussion.attachments.attach')}
                aria-label={t('discussion.attachments.attach')}
                disabled={drafts.length >= MAX_ATTACHMENTS}
                onClick={() => fileInput.current?.click()}
              >
                <span aria-hidden="true">📎</span>
              </button>
            </>
          ) : null}
          {onCancel ? (
            <button type="button" className="button button--small button--secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          ) : null}
          <button type="submit" className="button button--small" disabled={(!text.trim() && !ready.length) || uploading || remaining < 0}>
            {submitLabel ?? t('discussion.send')}
          </button>
        </div>
      </div>
      <DraftAttachments drafts={drafts} onRemove={(key) => setDrafts((list) => list.filter((d) => d.key !== key))} />
      <p id={`${id}-hint`} className="field-hint composer-hint">
        {t('discussion.composerHint')}
        {remaining < 500 ? <span className={remaining < 0 ? 'field-error' : undefined}> {t('discussion.charactersLeft', { count: remaining })}</span> : null}
      </p>
    </form>
  );
});
