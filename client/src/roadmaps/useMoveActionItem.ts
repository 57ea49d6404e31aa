import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ActionItem, ActionItemDetail, ActionItemStatus } from '../api/types';
import { errorKey } from '../api/errors';
import { formErrorsFrom } from '../lib/formErrors';
import { message, type Message } from '../lib/message';
import { allowedFromConflict, needsReason } from './boardLogic';

/**
 * Moving a commitment to another status: moves that need a reason wait for it; a 409 keeps the dialog open with the
 * moves the server allows now (and hands them to the page, so the card updates). A card dropped where it may not go
 * is still put to the server, which decides; its refusal is shown beside the board rather than in a dialog.
 */
export function useMoveActionItem(onMoved: (item: ActionItemDetail) => void, onAllowedChanged?: (id: string, allowed: ActionItemStatus[]) => void) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<{ item: ActionItem; to: ActionItemStatus } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [refusal, setRefusal] = useState<Message | null>(null);

  const refusalOf = (item: ActionItem, e: unknown): Message | null => {
    const allowed = allowedFromConflict(e);
    if (allowed) {
      onAllowedChanged?.(item.id, allowed);
      return allowed.length
        ? message('status.conflictAllowed', { allowed: allowed.map((s) => t(`actionItemStatus.${s}`)).join(t('common.listSeparator')) })
        : message('status.conflictNone');
    }
    return null;
  };

  const run = async (item: ActionItem, to: ActionItemStatus, reason?: string, dropped = false) => {
    setBusy(true);
    setError(null);
    setRefusal(null);
    try {
      const moved = await api.actionItems.changeStatus(item.id, to, reason);
      setAsking(null);
      onMoved(moved);
    } catch (e) {
      const refused = refusalOf(item, e);
      if (dropped) {
        setRefusal(refused ?? errorKey(e));
        return;
      }
      if (refused) setError(refused);
      else {
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
    /** Why the server refused the last card dropped on a column (null once another move starts). */
    refusal,
    dismissRefusal: () => setRefusal(null),
    /** Starts a move: at once, or after asking for the reason. */
    choose(item: ActionItem, to: ActionItemStatus) {
      setError(null);
      setRefusal(null);
      if (needsReason(to)) setAsking({ item, to });
      else void run(item, to);
    },
    /**
     * A card dropped on a column: an allowed move goes as from the menu (asking the reason where one is needed); any
     * other is put to the server as it is, and its answer shown.
     */
    drop(item: ActionItem, to: ActionItemStatus) {
      setError(null);
      setRefusal(null);
      if (item.allowedTransitions.includes(to) && needsReason(to)) setAsking({ item, to });
      else void run(item, to, undefined, true);
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
