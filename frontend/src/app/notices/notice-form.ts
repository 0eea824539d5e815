import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { firstValueFrom } from 'rxjs';
import { CurrentUser } from '../core/current-user';
import type { Organization, OrganizationKind } from '../core/models';
import type { TranslationKey } from '../i18n/dictionaries';
import { TPipe } from '../i18n/t-pipe';
import { type TranslationParams, TranslationService } from '../i18n/translation';
import { NOTICE_LIMITS, NoticesApi } from './notices-api';

// Validators report each error under its translation key, with the message parameters as the
// value, so one error tip renders every message in the current language.

/** Lengths are counted after trimming, as the backend does. */
function textLength(min: number, max: number, requiredKey: TranslationKey, lengthKey: TranslationKey): ValidatorFn {
  return (control) => {
    const length = String(control.value ?? '').trim().length;
    if (length === 0) return { [requiredKey]: {} };
    return length < min || length > max ? { [lengthKey]: { min, max } } : null;
  };
}

function chosen(requiredKey: TranslationKey): ValidatorFn {
  return (control) => (control.value ? null : { [requiredKey]: {} });
}

function wholeNumber(min: number, max: number, requiredKey: TranslationKey, rangeKey: TranslationKey): ValidatorFn {
  return (control) => {
    const value: unknown = control.value;
    if (value === null || value === undefined || value === '') return { [requiredKey]: {} };
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? null
      : { [rangeKey]: { min, max } };
  };
}

/** Picker groups, in the order of the hierarchy. */
const KIND_ORDER: readonly OrganizationKind[] = ['bureau', 'agency', 'institution'];

interface RecipientGroup {
  readonly kind: OrganizationKind;
  readonly labelKey: TranslationKey;
  readonly organizations: readonly Organization[];
}

/** 发通知: a notice to one organization in the sender's region, to be acknowledged in N working days. */
@Component({
  selector: 'app-notice-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    TPipe,
  ],
  templateUrl: './notice-form.html',
  styleUrls: ['../shell/responsive-page.css', './notice-form.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeForm {
  private readonly api = inject(NoticesApi);
  private readonly user = inject(CurrentUser);
  private readonly i18n = inject(TranslationService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly limits = NOTICE_LIMITS;
  protected readonly form = this.fb.group({
    recipientOrgId: this.fb.control('', chosen('notices.form.recipientRequired')),
    title: this.fb.control(
      '',
      textLength(NOTICE_LIMITS.titleMin, NOTICE_LIMITS.titleMax, 'notices.form.titleRequired', 'notices.form.titleLength'),
    ),
    body: this.fb.control(
      '',
      textLength(1, NOTICE_LIMITS.bodyMax, 'notices.form.bodyRequired', 'notices.form.bodyTooLong'),
    ),
    workingDays: this.fb.control<number | null>(
      5,
      wholeNumber(
        NOTICE_LIMITS.workingDaysMin,
        NOTICE_LIMITS.workingDaysMax,
        'notices.form.workingDaysRequired',
        'notices.form.workingDaysRange',
      ),
    ),
  });
  protected readonly submitting = signal(false);

  /** The user's region subtree, as the backend scopes it; see RECIPIENT_PICKER_LIMIT. */
  protected readonly organizations = rxResource({ stream: () => this.api.organizations() });
  protected readonly recipientGroups = computed<RecipientGroup[]>(() => {
    const own = this.user.me()?.organization.id;
    const candidates = this.organizations.hasValue()
      ? this.organizations.value().items.filter((org) => org.id !== own)
      : [];
    return KIND_ORDER.map((kind) => ({
      kind,
      labelKey: `orgKind.${kind}` as const,
      organizations: candidates.filter((org) => org.kind === kind),
    })).filter((group) => group.organizations.length > 0);
  });
  /** Set when the region has more organizations than one page holds. */
  protected readonly truncated = computed(() => {
    if (!this.organizations.hasValue()) return null;
    const { items, total } = this.organizations.value();
    return total > items.length ? { count: items.length, total } : null;
  });

  protected errorText(control: AbstractControl): string {
    const [key, params] = Object.entries(control.errors ?? {})[0] ?? [];
    return key ? this.i18n.t(key as TranslationKey, params as TranslationParams) : '';
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      for (const control of Object.values(this.form.controls)) {
        control.markAsDirty();
        // Emits statusChanges, which is what makes nz-form-control show the tip.
        control.updateValueAndValidity({ onlySelf: true });
      }
      return;
    }
    const { recipientOrgId, title, body, workingDays } = this.form.getRawValue();
    this.submitting.set(true);
    try {
      const sent = await firstValueFrom(
        this.api.send({ recipientOrgId, title: title.trim(), body: body.trim(), workingDays: workingDays! }),
      );
      this.message.success(this.i18n.t('notices.form.sent', { dueDate: sent.dueDate }));
      await this.router.navigate(['/notices', sent.id]);
    } catch {
      // The error interceptor has shown the backend's message; the form keeps what was typed.
    } finally {
      this.submitting.set(false);
    }
  }
}
