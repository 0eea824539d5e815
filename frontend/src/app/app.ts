import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { BootError } from './core/boot-error';
import { BootState } from './core/boot';
import { TranslationService } from './i18n/translation';

/** Root: the routed app once startup succeeded, otherwise a page that says which step failed. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, BootError],
  template: `
    @if (failure(); as failure) {
      @defer (on immediate) {
        <app-boot-error [message]="failure" />
      }
    } @else {
      <router-outlet />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  private readonly i18n = inject(TranslationService);
  private readonly boot = inject(BootState);

  protected readonly failure = computed(() => {
    const step = this.boot.failedStep();
    return step ? this.i18n.t(`boot.${step}`) : null;
  });
}
