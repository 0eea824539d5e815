import { DomainError } from '../../src/kernel/errors.js';
import { checkIssueFocus } from '../../src/contexts/campaigns/domain/self-inspection.js';

// Issue 16: the self-inspection's 治理重点 is one of the campaign's own focus areas, checked on the backend.
describe('self-inspection 治理重点', () => {
  const areas = ['门诊统筹基金使用', '二级及以上公立医疗机构：分解收费'];
  const issue = (focus: string) => ({ focus, description: '问题', amount: 0 });

  it('accepts the campaign\'s own areas and an empty focus', () => {
    expect(() => checkIssueFocus([issue('门诊统筹基金使用'), issue('')], areas)).not.toThrow();
  });

  it('refuses free text with a bilingual 400 naming the allowed areas', () => {
    let error: unknown;
    try { checkIssueFocus([issue('门诊统筹基金使用'), issue('串换药品')], areas); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe('self_inspection_focus_invalid');
    expect(e.kind).toBe('validation');
    expect(e.details).toMatchObject({ index: 1, focus: '串换药品', allowed: areas });
    expect(e.text.zh).toContain('第 2 个问题');
    expect(e.text.zh).toContain('门诊统筹基金使用；二级及以上公立医疗机构：分解收费');
    expect(e.text.en).toContain('门诊统筹基金使用; 二级及以上公立医疗机构：分解收费');
  });

  it('keeps a value the stored report already holds (entered before the check)', () => {
    expect(() => checkIssueFocus([issue('旧的自由文本')], areas, ['旧的自由文本'])).not.toThrow();
    expect(() => checkIssueFocus([issue('另一个自由文本')], areas, ['旧的自由文本'])).toThrow(DomainError);
  });
});
