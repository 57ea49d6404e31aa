import { useEffect, useState } from 'react';
import { api } from '../api';
import type { MessageAttachment } from '../api/types';
import { saveBlob } from '../lib/download';
import { formatSize } from '../lib/fileSize';
import { useWording } from '../lib/useWording';

/** The raster images the server shows inline (others are always downloads). */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A small preview of an attached image, fetched with the reader's rights (an <img src> would carry no token). */
function ImagePreview({ attachment }: { attachment: MessageAttachment }) {
  const { t } = useWording();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    api.documents
      .preview(attachment.id, controller.signal)
      .then(({ blob }) => {
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch(() => setSrc(null));
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachment.id]);
  return src ? (
    <img className="message-attachment-preview" src={src} alt={t('discussion.attachments.preview', { name: attachment.name })} />
  ) : (
    <span className="message-attachment-preview message-attachment-preview--loading" aria-hidden="true" />
  );
}

/** The files a message carries: images as a small preview, every file as a download with its name and size. */
export function MessageAttachments({ attachments }: { attachments: MessageAttachment[] }) {
  const { t, i18n } = useWording();
  if (!attachments.length) return null;
  const download = async (attachment: MessageAttachment) => {
    const { blob, filename } = await api.documents.download(attachment.id);
    saveBlob(blob, filename ?? attachment.name);
  };
  return (
    <ul className="message-attachments" aria-label={t('discussion.attachments.label', { count: attachments.length })}>
      {attachments.map((a) => (
        <li key={a.id} className="message-attachment">
          {PREVIEWABLE.has(a.contentType) ? <ImagePreview attachment={a} /> : null}
          <button type="button" className="link-button" onClick={() => void download(a)}>
            {a.name}
          </button>{' '}
          <span className="muted small">{formatSize(a.size, i18n.language)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A file being attached in the composer: uploading (with its progress) or uploaded (with its document). */
export interface DraftAttachment {
  key: string;
  name: string;
  size: number;
  progress: number;
  document: MessageAttachment | null;
  problem: string | null;
}

/** The files picked in the composer before sending, each removable. */
export function DraftAttachments({ drafts, onRemove }: { drafts: DraftAttachment[]; onRemove: (key: string) => void }) {
  const { t, i18n } = useWording();
  if (!drafts.length) return null;
  return (
    <ul className="draft-attachments" aria-label={t('discussion.attachments.draft')}>
      {drafts.map((d) => (
        <li key={d.key} className="draft-attachment">
          <span>{d.name}</span> <span className="muted small">{formatSize(d.size, i18n.language)}</span>{' '}
          {d.problem ? (
            <span className="field-error">{d.problem}</span>
          ) : d.document ? null : (
            <progress max={1} value={d.progress} aria-label={t('discussion.attachments.uploading', { name: d.name })} />
          )}{' '}
          <button type="button" className="link-button" onClick={() => onRemove(d.key)} aria-label={t('discussion.attachments.remove', { name: d.name })}>
            {t('discussion.attachments.removeShort')}
          </button>
        </li>
      ))}
    </ul>
  );
}
