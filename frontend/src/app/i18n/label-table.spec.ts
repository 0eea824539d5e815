import { labelTable } from './label-table';
import { type TranslationKey, en, zhCN } from './dictionaries';

describe('labelTable', () => {
  it('maps each value to its key under the prefix, in the order given', () => {
    const table = labelTable('campaign.status', ['draft', 'assigned', 'closed']);
    expect(table).toEqual({ draft: 'campaign.status.draft', assigned: 'campaign.status.assigned', closed: 'campaign.status.closed' });
    expect(Object.keys(table)).toEqual(['draft', 'assigned', 'closed']);
  });

  it('makes keys the dictionaries hold, in both languages', () => {
    const table: Record<'draft' | 'closed', TranslationKey> = labelTable('campaign.status', ['draft', 'closed']);
    for (const key of Object.values(table)) {
      expect(zhCN[key]).toBeTruthy();
      expect(en[key]).toBeTruthy();
    }
  });

  it('does not compile with a value whose key is missing', () => {
    // @ts-expect-error 'campaign.status.unknown' is not a translation key
    labelTable('campaign.status', ['draft', 'unknown']);
  });
});
