import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ActionItem, ActionItemDetail, ActionItemStatus } from '../api/types';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { allowedFromConflict, needsReason } from './boardLogic';

/**
 * Moving a commitment to another status: moves that need a reason wait for it; a 409 keeps the dialog open with the
 * moves the server allows now (and hands them to the page, so the card updates).
 */
export function useMoveActionItem(onMoved: (item: ActionItemDetail) => void, onAllowedChanged?: (id: string, allowed: ActionItemStatus[]) => void) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<{ item: ActionItem; to: ActionItemStatus } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);

  const run = async (item: ActionItem, to: ActionItemStatus, reason?: string) => {
    setBusy(true);
    setError(null);
    try {
      const moved = await api.actionItems.changeStatus(item.id, to, reason);
      setAsking(null);
      onMoved(moved);
    } catch (e) {
      const allowed = allowedFromConflict(e);
      if (allowed) {
        onAllowedChanged?.(item.id, allowed);
        setError(
          allowed.length
            ? message('status.conflictAllowed', { allowed: allowed.map((s) => t(`actionItemStatus.${s}`)).join(t('common.listSeparator')) })
            : message('status.conflictNone'),
        );
      } else {
        const result = formErrorsFrom(e, ['reason']);
        setError(result.fields.reason ? message(result.fields.reason.key, result.fields.reason.values) : result.form);
      }
      setAsking({ item, to });
    } finally {
      setBusy(false);
    }
  };

  return {
    asking,
    busy,
    error,
    /** Starts a move: at once, or after asking for the reason. */
    choose(item: ActionItem, to: ActionItemStatus) {
      setError(null);
      if (needsReason(to)) setAsking({ item, to });
      else void run(item, to);
    },
    confirm(reason: string) {
      if (asking) void run(asking.item, asking.to, reason);
    },
    cancel() {
      setAsking(null);
      setError(null);
    },
  };
}
