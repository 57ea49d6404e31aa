import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionItemStatus } from '../api/types';

/**
 * "Move to…": a menu button listing only the statuses the commitment may move to. Arrow keys move within the menu,
 * Escape closes it and returns to the button.
 */
export function MoveMenu({
  moves,
  itemTitle,
  disabled,
  onChoose,
  buttonId,
}: {
  moves: readonly ActionItemStatus[];
  itemTitle: string;
  disabled?: boolean;
  onChoose: (to: ActionItemStatus) => void;
  buttonId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (index + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  };

  if (!moves.length) return null;
  return (
    <div className="move-menu" ref={root}>
      <button
        ref={button}
        id={buttonId}
        type="button"
        className="button button--small button--secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={t('board.moveNamed', { title: itemTitle })}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t('board.move')} <span aria-hidden="true">▾</span>
      </button>
      <ul
        id={`${id}-menu`}
        ref={menu}
        role="menu"
        className="move-menu-list"
        hidden={!open}
        aria-label={t('board.moveNamed', { title: itemTitle })}
        onKeyDown={onMenuKey}
      >
        {moves.map((status) => (
          <li key={status} role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`move-menu-item state--${status}`}
              onClick={() => {
                setOpen(false);
                onChoose(status);
              }}
            >
              <span className="swatch" aria-hidden="true" />
              {t(`board.moveTo.${status}`)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
