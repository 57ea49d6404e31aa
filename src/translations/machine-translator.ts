import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/errors';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import type { TranslationLang } from '../shared/enums';

/** LibreTranslate's language codes for the platform's two languages. */
const CODES: Record<TranslationLang, string> = { en: 'en', zh: 'zh' };

/**
 * Machine drafts from a LibreTranslate-compatible server (TRANSLATE_URL): `POST /translate { q, source, target,
 * format }` answers `{ translatedText }`. Without TRANSLATE_URL there are none.
 */
@Injectable()
export class MachineTranslator {
  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  get available(): boolean {
    return !!this.config.translateUrl;
  }

  async translate(text: string, source: TranslationLang, target: TranslationLang): Promise<string> {
    if (!this.config.translateUrl) throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'No machine translation server is configured');
    let answer: { translatedText?: unknown };
    try {
      const response = await fetch(`${this.config.translateUrl}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          q: text,
          source: CODES[source],
          target: CODES[target],
          format: 'text',
          ...(this.config.translateApiKey ? { api_key: this.config.translateApiKey } : {}),
        }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      answer = (await response.json()) as { translatedText?: unknown };
    } catch {
      throw new ApiError(HttpStatus.BAD_GATEWAY, 'The machine translation server did not answer');
    }
    if (typeof answer.translatedText !== 'string' || !answer.translatedText.trim()) {
      throw new ApiError(HttpStatus.BAD_GATEWAY, 'The machine translation server gave no text');
    }
    return answer.translatedText;
  }
}
