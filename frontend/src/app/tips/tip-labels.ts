import type { TranslationKey } from '../i18n/dictionaries';
import type { RewardStatus, TipStatus, TipReceiptView } from './tips-api';

// The tips' status words, shared by the public and the intake pages.

export const tipStatusKey = (s: TipStatus): TranslationKey => `tips.status.${s}`;

export const tipResultKey = (r: NonNullable<TipReceiptView['result']>['result'] | null): TranslationKey =>
  r ? `tips.result.${r}` : 'tips.result.pending';

export const tipRewardKey = (s: RewardStatus): TranslationKey => `tips.reward.${s}`;
