import { useState } from 'react';
import type { MessageKey } from '../api/errors';
import { formErrorsFrom } from './formErrors';
import type { Message } from './message';

/** An action on one item that waits for the user to confirm it; a refusal stays in the dialog. */
export function useConfirmation<T>(overrides?: Partial<Record<number, MessageKey>>) {
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = (item: T) => {
    setTarget(item);
    setError(null);
  };

  const cancel = () => setTarget(null);

  const confirm = async (action: (item: T) => Promise<void>) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await action(target);
      setTarget(null);
    } catch (e) {
      setError(formErrorsFrom(e, [], overrides).form);
    } finally {
      setBusy(false);
    }
  };

  return { target, error, busy, ask, cancel, confirm };
}

export type Confirmation<T> = ReturnType<typeof useConfirmation<T>>;
