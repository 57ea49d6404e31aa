import { useTranslation } from 'react-i18next';
import type { RoundtableBalance, TripartiteBalance } from '../api/types';
import { balanceProblem } from './balance';

/**
 * For facilitators: a plain-language warning when government, employers or workers is missing or badly outnumbered,
 * naming the constituencies, so the gap can be fixed before the dialogue.
 */
export function BalanceWarning({ balance, attendanceRecorded = false }: { balance: RoundtableBalance | TripartiteBalance; attendanceRecorded?: boolean }) {
  const { t } = useTranslation();
  const problem = balanceProblem(balance, attendanceRecorded);
  const name = (c: string) => t(`constituency.${c as 'government'}`);
  return (
    <div aria-live="polite">
      {problem ? (
        <div className="alert alert--warning balance-warning">
          <p className="alert-title">
            <span aria-hidden="true">⚠ </span>
            {problem.verdict === 'missing' ? t('balance.warningMissingTitle') : t('balance.warningUnbalancedTitle')}
          </p>
          {problem.verdict === 'missing' ? (
            <p>{t(`balance.missingText.${problem.basis}`, { constituencies: problem.missing.map(name).join(t('common.listSeparator')) })}</p>
          ) : (
            <p>
              {t(`balance.unbalancedText.${problem.basis}`, {
                largest: name(problem.largest!.constituency),
                largestCount: problem.largest!.count,
                smallest: name(problem.smallest!.constituency),
                smallestCount: problem.smallest!.count,
              })}
            </p>
          )}
          <p className="small">{t(`balance.advice.${problem.basis}`)}</p>
        </div>
      ) : null}
    </div>
  );
}
