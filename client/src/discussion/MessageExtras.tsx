import { useTranslation } from 'react-i18next';
import { QUICK_REACTIONS } from '@shared/enums';
import type { ChatMessage, MessageQuote, Reaction } from '../api/types';
import { usePopover } from '../lib/usePopover';

/** The quoted message above a reply: who wrote it and how it began; selecting it goes to the original. */
export function QuotedMessage({ quote, onJump }: { quote: MessageQuote; onJump: (seq: number) => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="message-quote" onClick={() => onJump(quote.seq)} title={t('discussion.quoteJump', { name: quote.author.displayName })}>
      <span className="message-quote-author small">{t('discussion.quoteOf', { name: quote.author.displayName })}</span>
      <span className="message-quote-text">{quote.excerpt ?? <em className="muted">{t('discussion.quoteRemoved')}</em>}</span>
    </button>
  );
}

/** Reaction chips under a message (each toggles mine) and the picker that adds one. */
export function Reactions({ message, canReact, onToggle }: { message: ChatMessage; canReact: boolean; onToggle: (emoji: string, add: boolean) => void }) {
  const { t } = useTranslation();
  const picker = usePopover(message.id);
  const toggle = (r: Reaction) => onToggle(r.emoji, !r.mine);
  if (!message.reactions.length && !canReact) return null;
  return (
    <div className="reactions" role="group" aria-label={t('discussion.reactionsLabel')}>
      {message.reactions.map((r) => (
        <button
          key={r.emoji}
          type="button"
          className={`reaction-chip${r.mine ? ' reaction-chip--mine' : ''}`}
          aria-pressed={r.mine}
          aria-label={t('discussion.reactionChip', { emoji: r.emoji, count: r.count })}
          disabled={!canReact}
          onClick={() => toggle(r)}
        >
          {`${r.emoji} ${r.count}`}
        </button>
      ))}
      {canReact ? (
        <div className="reaction-picker-root" ref={picker.root}>
          <button
            type="button"
            ref={picker.button}
            className="reaction-chip reaction-add"
            aria-expanded={picker.open}
            title={t('discussion.react')}
            onClick={() => picker.setOpen(!picker.open)}
          >
            <span aria-hidden="true">☺+</span>
            <span className="visually-hidden">{t('discussion.react')}</span>
          </button>
          {picker.open ? (
            <div className="reaction-picker card" role="group" aria-label={t('discussion.reactionPicker')}>
              {QUICK_REACTIONS.map((emoji) => {
                const held = message.reactions.find((r) => r.emoji === emoji);
                return (
                  <button
                    key={emoji}
                    type="button"
                    className="reaction-choice"
                    aria-label={t('discussion.reactWith', { emoji })}
                    aria-pressed={held?.mine ?? false}
                    onClick={() => {
                      picker.setOpen(false);
                      onToggle(emoji, !held?.mine);
                    }}
                  >
                    {emoji}
                  </button>
                );
              })}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The channel's pinned messages, folded by default, each with the way to it in the discussion. */
export function PinnedBar({ pins, onJump }: { pins: ChatMessage[]; onJump: (seq: number) => void }) {
  const { t } = useTranslation();
  if (!pins.length) return null;
  return (
    <details className="pinned-bar">
      <summary>
        <span aria-hidden="true">📌</span> {t('discussion.pinnedHeading', { count: pins.length })}
      </summary>
      <ul className="pinned-list">
        {pins.map((m) => (
          <li key={m.id} className="pinned-item">
            <span className="pinned-author small">{m.author.displayName}</span> <span className="pinned-text">{m.body ?? t('discussion.quoteRemoved')}</span>{' '}
            {m.pinned?.by ? <span className="muted small">({t('discussion.pinnedBy', { name: m.pinned.by.displayName })})</span> : null}{' '}
            <button type="button" className="link-button" onClick={() => onJump(m.seq)}>
              {t('discussion.goToMessage')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
