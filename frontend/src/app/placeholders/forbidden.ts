import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzResultModule } from 'ng-zorro-antd/result';
import { TPipe } from '../i18n/t-pipe';

/** Where a typed-in URL for another level's section ends up. */
@Component({
  selector: 'app-forbidden',
  imports: [RouterLink, NzResultModule, NzButtonModule, TPipe],
  template: `
    <nz-result
      nzStatus="403"
      data-testid="forbidden"
      [nzTitle]="'forbidden.title' | t"
      [nzSubTitle]="'forbidden.body' | t"
    >
      <div nz-result-extra>
        <a nz-button nzType="primary" routerLink="/">{{ 'comingSoon.back' | t }}</a>
      </div>
    </nz-result>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Forbidden {}
