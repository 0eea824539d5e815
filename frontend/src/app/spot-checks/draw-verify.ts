import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCollapseModule } from 'ng-zorro-antd/collapse';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { firstValueFrom } from 'rxjs';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import type { SpotCheckSection } from './spot-check-access';
import { SpotCheckNav, VerifyChecks, errorText } from './spot-check-labels';
import type { Verification } from './spot-check-models';
import { SpotChecksApi } from './spot-checks-api';

/** A picked file's text, decoded as UTF-8. */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}

/** Records are a few MB at most (directories of a province); refuse anything absurd before reading. */
export const RECORD_MAX_BYTES = 50 * 1024 * 1024;

/**
 * 抽取验证: anyone holding a published record.json replays the draw — the directories hash, the
 * commitment, each witness's secret against its commitment, the seed and the draw itself.
 */
@Component({
  selector: 'app-draw-verify',
  imports: [NzButtonModule, NzCollapseModule, NzIconModule, SpotCheckNav, VerifyChecks, TPipe],
  template: `
    <section class="panel">
      <app-spot-check-nav [section]="section()" />
      <header class="toolbar">
        <h1>{{ 'spotCheck.verify.heading' | t }}</h1>
      </header>
      <p>{{ 'spotCheck.verify.intro' | t }}</p>
      <!-- The command line is for experts: behind 技术细节 (issue 16). -->
      <nz-collapse class="technical" data-testid="verify-cli-details">
        <nz-collapse-panel [nzHeader]="'spotCheck.verify.technical' | t">
          <p class="hint">{{ 'spotCheck.verify.cli' | t }}</p>
          <pre class="hash" data-testid="verify-cli">node backend/dist/cli.js verify-draw record.json</pre>
        </nz-collapse-panel>
      </nz-collapse>

      <div class="actions">
        <input #picker type="file" hidden accept=".json,application/json" data-testid="verify-file" [attr.aria-label]="'spotCheck.verify.pick' | t" (change)="pick(picker)" />
        <button nz-button nzType="primary" type="button" data-testid="verify-pick" [nzLoading]="busy()" (click)="picker.click()">
          <nz-icon nzType="upload" />{{ 'spotCheck.verify.pick' | t }}
        </button>
        @if (fileName()) {
          <span class="hint" data-testid="verify-file-name">{{ fileName() }}</span>
        }
      </div>
      @if (error()) {
        <p class="error" data-testid="verify-error">{{ error() }}</p>
      }
      @if (result(); as result) {
        <h2>{{ 'spotCheck.verify.result' | t }}</h2>
        <app-verify-checks [verification]="result" />
      }
    </section>
  `,
  styleUrls: ['../shell/feature-page.css', './spot-checks.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DrawVerifyPage {
  private readonly api = inject(SpotChecksApi);
  private readonly i18n = inject(TranslationService);

  readonly section = input<SpotCheckSection>('province');

  protected readonly busy = signal(false);
  protected readonly fileName = signal('');
  protected readonly error = signal('');
  protected readonly result = signal<Verification | null>(null);

  protected async pick(picker: HTMLInputElement): Promise<void> {
    const file = picker.files?.[0];
    // Lets the same file be picked again.
    picker.value = '';
    if (!file || this.busy()) return;
    this.fileName.set(file.name);
    this.result.set(null);
    this.error.set('');
    if (file.size > RECORD_MAX_BYTES) {
      this.error.set(this.i18n.t('spotCheck.verify.tooLarge'));
      return;
    }
    this.busy.set(true);
    try {
      let record: unknown;
      try {
        record = JSON.parse(await readFileText(file));
      } catch {
        this.error.set(this.i18n.t('spotCheck.verify.notJson'));
        return;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        this.error.set(this.i18n.t('spotCheck.verify.notRecord'));
        return;
      }
      this.result.set(await firstValueFrom(this.api.verifyRecord(record)));
    } catch (error) {
      this.error.set(errorText(error, this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
