import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { CurrentUser } from '../core/current-user';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { type SectionId, sectionsFor } from '../shell/navigation';

/**
 * Stand-in for a menu entry whose feature is not built yet. It says so plainly instead of showing
 * an empty table that would look like "no data".
 */
@Component({
  selector: 'app-coming-soon',
  imports: [RouterLink, NzResultModule, NzButtonModule, TPipe],
  template: `
    <nz-result
      nzStatus="info"
      data-testid="coming-soon"
      [nzTitle]="'comingSoon.title' | t"
      [nzSubTitle]="subtitle()"
    >
      <div nz-result-extra>
        <a nz-button nzType="primary" routerLink="/">{{ 'comingSoon.back' | t }}</a>
      </div>
    </nz-result>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComingSoon {
  private readonly i18n = inject(TranslationService);
  private readonly user = inject(CurrentUser);

  /** Bound from route data (withComponentInputBinding). */
  readonly feature = input.required<TranslationKey>();
  readonly section = input.required<SectionId>();

  protected readonly readOnly = computed(
    () => sectionsFor(this.user.roles()).find((s) => s.id === this.section())?.readOnly ?? false,
  );
  protected readonly subtitle = computed(() => {
    const body = this.i18n.t('comingSoon.body', { feature: this.i18n.t(this.feature()) });
    return this.readOnly() ? `${body} ${this.i18n.t('comingSoon.readOnly')}` : body;
  });
}
