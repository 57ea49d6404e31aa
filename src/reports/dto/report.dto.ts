import { IsIn } from 'class-validator';
import { Omittable } from '../../common/validation';

export const REPORT_LANGUAGES = ['en', 'zh', 'both'] as const;

export class ReportQuery {
  /** en, zh, or both side by side (the default). */
  @Omittable()
  @IsIn(REPORT_LANGUAGES, { message: `lang must be one of ${REPORT_LANGUAGES.join(', ')}` })
  lang?: (typeof REPORT_LANGUAGES)[number];
}
