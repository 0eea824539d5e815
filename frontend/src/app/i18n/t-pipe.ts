import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { TranslationKey } from './dictionaries';
import { type TranslationParams, TranslationService } from './translation';

/**
 * `{{ 'nav.home' | t }}`. Impure on purpose: the result depends on the language signal, not only
 * on the key, and a pure pipe would keep returning the cached text after a switch.
 */
@Pipe({ name: 't', pure: false })
export class TPipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
