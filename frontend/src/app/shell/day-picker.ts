import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, forwardRef, inject, input, signal } from '@angular/core';
import { type ControlValueAccessor, FormsModule, NG_VALUE_ACCESSOR } from '@angular/forms';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { dateOf, dayOf } from '../core/list-query';

/** 'YYYY-MM' of a picked month. */
function monthOf(date: Date): string {
  return dayOf(date).slice(0, 7);
}

/**
 * The suite's one date field (issue 16 item 7): ng-zorro's date picker (or month picker) in place of the
 * browser's native date field, whose look and language follow the browser. Its value stays the
 * ISO text the forms send: 'YYYY-MM-DD' (or 'YYYY-MM' with mode="month"), '' when cleared; `min` and
 * `max` are ISO days too. `label` names the inner input for screen readers when no `<label>` wraps it.
 */
@Component({
  selector: 'app-day-picker',
  imports: [FormsModule, NzDatePickerModule],
  template: `
    <nz-date-picker
      [nzMode]="mode()"
      [nzFormat]="mode() === 'month' ? 'yyyy-MM' : 'yyyy-MM-dd'"
      [nzId]="inputId()"
      [nzStatus]="status()"
      [nzDisabled]="disabled()"
      [nzDisabledDate]="outOfRange"
      [nzAllowClear]="allowClear()"
      [nzPlaceHolder]="placeholder()"
      [ngModel]="date()"
      (ngModelChange)="picked($event)"
      (nzOnOpenChange)="$event || onTouched()"
    />
  `,
  styles: [':host { display: inline-block; } :host nz-date-picker { width: 100%; }'],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => DayPicker), multi: true }],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DayPicker implements ControlValueAccessor {
  readonly mode = input<'date' | 'month'>('date');
  readonly min = input<string | null | undefined>(null);
  readonly max = input<string | null | undefined>(null);
  readonly label = input<string | null>(null);
  readonly inputId = input<string>('');
  readonly status = input<'' | 'error' | 'warning'>('');
  readonly allowClear = input(true);
  readonly placeholder = input<string>('');

  protected readonly date = signal<Date | null>(null);
  protected readonly disabled = signal(false);
  private onChange: (value: string) => void = () => undefined;
  protected onTouched: () => void = () => undefined;

  constructor() {
    const host = inject(ElementRef<HTMLElement>).nativeElement as HTMLElement;
    afterRenderEffect(() => {
      const label = this.label();
      const inner = host.querySelector('input');
      if (label && inner) inner.setAttribute('aria-label', label);
    });
  }

  /** Days outside [min, max] cannot be picked (compared as ISO days, the form's own format). */
  protected readonly outOfRange = (date: Date): boolean => {
    const value = this.mode() === 'month' ? monthOf(date) : dayOf(date);
    const min = this.min();
    const max = this.max();
    return (!!min && value < min.slice(0, value.length)) || (!!max && value > max.slice(0, value.length));
  };

  protected picked(date: Date | null): void {
    this.date.set(date);
    this.onChange(date ? (this.mode() === 'month' ? monthOf(date) : dayOf(date)) : '');
  }

  writeValue(value: string | null | undefined): void {
    // 'YYYY-MM' (a month) reads as its first day
    this.date.set(dateOf(value && /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : (value ?? undefined)));
  }

  registerOnChange(fn: (value: string) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }
}
