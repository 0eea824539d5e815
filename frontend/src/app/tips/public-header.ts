import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';

/** The public tip pages' head: title, the other public page, staff sign-in, the language switch. */
@Component({
  selector: 'app-public-header',
  imports: [RouterLink, NzButtonModule, TPipe],
  styles: `
    .public-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
    .public-head h1 { font-size: 22px; margin: 0; }
    .public-links { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; }
    .public-links a { color: #0958d9; }
  `,
  template: `
    <header class="public-head">
      <h1>{{ (page() === 'new' ? 'tips.public.title' : 'tips.receipt.title') | t }}</h1>
      <nav class="public-links" [attr.aria-label]="'tips.public.title' | t">
        @if (page() === 'new') {
          <a routerLink="/public/tips/receipt" data-testid="tip-to-receipt">{{ 'tips.public.receiptLink' | t }}</a>
        } @else {
          <a routerLink="/public/tips">{{ 'tips.public.newLink' | t }}</a>
        }
        <a href="/">{{ 'tips.public.loginLink' | t }}</a>
        <button nz-button nzType="link" type="button" (click)="switchLanguage()">{{ 'header.switchLanguage' | t }}</button>
      </nav>
    </header>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PublicHeader {
  private readonly i18n = inject(TranslationService);
  readonly page = input<'new' | 'receipt'>('new');

  switchLanguage(): void {
    this.i18n.use(this.i18n.isZh() ? 'en' : 'zh-CN');
  }
}
