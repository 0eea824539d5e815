import { getDebugNode } from '@angular/core';
import { NgModel } from '@angular/forms';
import type { NzDatePickerComponent } from 'ng-zorro-antd/date-picker';
import { NzSelectComponent } from 'ng-zorro-antd/select';
import { dateOf } from '../core/list-query';

/**
 * Sets a form control as the user would (issue 16 item 7: the forms' controls are ng-zorro's): an ISO
 * day ('YYYY-MM-DD') or month ('YYYY-MM') picked in an app-day-picker's calendar ('' clears it), an
 * option's value chosen in an nz-select, else text typed into an input or textarea (an `input` event).
 */
export function pick(el: HTMLElement, value: unknown): void {
  if (el.tagName === 'APP-DAY-PICKER') {
    const day = String(value ?? '');
    const picker = getDebugNode(el.querySelector('nz-date-picker'));
    picker!.injector.get(NgModel).viewToModelUpdate(day ? dateOf(/^\d{4}-\d{2}$/.test(day) ? `${day}-01` : day) : null);
    return;
  }
  if (el.tagName === 'NZ-SELECT') {
    getDebugNode(el)!.injector.get(NzSelectComponent).onItemClick(value);
    return;
  }
  const input = el as HTMLInputElement;
  input.value = String(value);
  input.dispatchEvent(new Event('input'));
}

/** What a control shows: a date picker's text (its ISO day), an nz-select's chosen option, else the input's value. */
export function shownValue(el: HTMLElement): string {
  if (el.tagName === 'NZ-SELECT') return el.querySelector('.ant-select-selection-item')?.textContent?.trim() ?? '';
  return (el.tagName === 'APP-DAY-PICKER' ? el.querySelector('input')! : (el as HTMLInputElement)).value;
}

/** Whether an app-day-picker's calendar refuses the ISO day `day` (outside its min and max). */
export function refusesDay(el: HTMLElement, day: string): boolean {
  const picker = getDebugNode(el.querySelector('nz-date-picker'))!.componentInstance as NzDatePickerComponent;
  return picker.nzDisabledDate?.(dateOf(day)!) ?? false;
}
