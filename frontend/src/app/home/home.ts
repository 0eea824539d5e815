import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { CurrentUser } from '../core/current-user';
import { TPipe } from '../i18n/t-pipe';
import { TranslationService } from '../i18n/translation';
import { regionLabelOf } from '../shell/region-label';
import { cardsFor } from './role-cards';
import { TODO_TITLES, TodoCentre, deadlineLabel } from './todo';

/** Landing page: what waits for you (to-do centre, issue 16 §1), who you are in the supervision hierarchy and what you will do here. */
@Component({
  selector: 'app-home',
  imports: [RouterLink, NzBadgeModule, NzCardModule, NzIconModule, NzTagModule, TPipe],
  templateUrl: './home.html',
  styleUrl: './home.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Home {
  private readonly i18n = inject(TranslationService);
  private readonly user = inject(CurrentUser);

  protected readonly me = this.user.me;
  protected readonly roleLabel = computed(() =>
    this.user
      .roles()
      .map((role) => this.i18n.t(`role.${role}`))
      .join(this.i18n.isZh() ? '、' : ', '),
  );
  protected readonly regionLabel = computed(() => regionLabelOf(this.me()));
  protected readonly orgKindLabel = computed(() => {
    const kind = this.me()?.organization.kind;
    return kind ? this.i18n.t(`orgKind.${kind}`) : '';
  });
  protected readonly cards = computed(() => cardsFor(this.user.roles(), this.me()?.organization.kind ?? null));

  private readonly centre = inject(TodoCentre);
  protected readonly todo = this.centre.todo;
  protected readonly todoTitles = TODO_TITLES;
  protected readonly deadlineLabel = deadlineLabel;

  constructor() {
    this.centre.refresh();
  }
}
