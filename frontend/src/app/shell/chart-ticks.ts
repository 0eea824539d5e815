/** Whole-number axis ticks (counts); fractional ticks would be noise. */
export const wholeTicks = (value: number): string => (Number.isInteger(value) ? String(value) : '');
