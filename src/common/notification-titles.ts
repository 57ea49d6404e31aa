import type { LocalizedText } from './localized-text';

/**
 * The bilingual titles notifications carry (payload.title), naming the thing they are about, so that the bell, the
 * mail and the digest can say what happened without looking anything up.
 */
export type BilingualTitle = { en: string; zh: string };

const en = (t: LocalizedText | null | undefined) => t?.en || t?.zh || '';
const zh = (t: LocalizedText | null | undefined) => t?.zh || t?.en || '';

/** "Indicator · Park · 2026-Q3" in each language (the park left out when there is none). */
function valueName(indicator: LocalizedText, park: LocalizedText | null | undefined, period: string): BilingualTitle {
  return {
    en: [en(indicator), park ? en(park) : null, period].filter(Boolean).join(' · '),
    zh: [zh(indicator), park ? zh(park) : null, period].filter(Boolean).join(' · '),
  };
}

export const notificationTitles = {
  observationReviewed(
    status: 'verified' | 'rejected',
    indicator: LocalizedText,
    park: LocalizedText | null | undefined,
    period: string,
    reason: string | null,
  ) {
    const name = valueName(indicator, park, period);
    return status === 'verified'
      ? { en: `Your value was verified: ${name.en}`, zh: `您报送的数据已核实：${name.zh}` }
      : {
          en: `Your value was rejected: ${name.en}${reason ? ` (reason: ${reason})` : ''}`,
          zh: `您报送的数据被退回：${name.zh}${reason ? `（原因：${reason}）` : ''}`,
        };
  },
  followUp(outcome: string, indicator: LocalizedText, park: LocalizedText | null | undefined, period: string): BilingualTitle {
    const name = valueName(indicator, park, period);
    return outcome === 'sent_back'
      ? { en: `A flagged value was sent back to you: ${name.en}`, zh: `被标记的数据已退回给您：${name.zh}` }
      : { en: `A flagged value was followed up: ${name.en}`, zh: `被标记的数据已跟进：${name.zh}` };
  },
  periodApproval(park: LocalizedText, period: string, level: string): BilingualTitle {
    const levels: Record<string, BilingualTitle> = { city: { en: 'city', zh: '市级' }, province: { en: 'province', zh: '省级' } };
    const l = levels[level] ?? { en: level, zh: level };
    return { en: `${en(park)} · ${period} awaits your ${l.en} approval`, zh: `${zh(park)} · ${period} 等待您的${l.zh}审批` };
  },
  reporting(kind: 'due_soon' | 'overdue', indicator: LocalizedText, park: LocalizedText, period: string, due: string): BilingualTitle {
    const name = valueName(indicator, park, period);
    return kind === 'due_soon'
      ? { en: `Due by ${due}: ${name.en}`, zh: `请于 ${due} 前报送：${name.zh}` }
      : { en: `Overdue since ${due}: ${name.en}`, zh: `已逾期（截止 ${due}）：${name.zh}` };
  },
};
