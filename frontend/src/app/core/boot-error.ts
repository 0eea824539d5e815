import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';

/** Full-page notice when startup fails; loaded only then (see App), nz-result is heavy. */
@Component({
  selector: 'app-boot-error',
  imports: [NzResultModule, NzButtonModule, TPipe],
  template: `
    <nz-result nzStatus="error" data-testid="boot-error" [nzTitle]="'boot.title' | t" [nzSubTitle]="message()">
      <div nz-result-extra>
        <button nz-button nzType="primary" type="button" (click)="retry()">{{ 'boot.retry' | t }}</button>
        <button nz-button type="button" data-testid="lang-switch" (click)="i18n.toggle()">
          {{ 'header.switchLanguage' | t }}
        </button>
      </div>
    </nz-result>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BootError {
  protected readonly i18n = inject(TranslationService);
  private readonly document = inject(DOCUMENT);

  readonly message = input.required<string>();

  protected retry(): void {
    // Startup runs once per page load (config → login → profile), so retrying means reloading.
    this.document.location.reload();
  }
}
