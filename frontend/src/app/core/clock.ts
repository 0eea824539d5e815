import { InjectionToken } from '@angular/core';

/** "Now", replaceable in specs so that default years, countdowns and due dates are fixed. */
export const CLOCK = new InjectionToken<() => Date>('CLOCK', {
  factory: () => () => new Date(),
});
