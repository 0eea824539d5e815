import { maskPersonalData } from '../../src/contexts/enforcement/domain/masking.js';

// The public enforcement page's masking (执法公示, issue 18) of a name followed by a verb rather than by
// punctuation or a function word: found by the browser test (test/browser/enforcement.spec.ts), where
// 「医师王小明经手」 reached the public page unmasked.

describe('maskPersonalData: a name followed by a verb', () => {
  it('masks the name before a common verb (经手, 冒用, 开具 …) and wherever else the record names it', () => {
    const [facts, decision] = maskPersonalData([
      '该院将普通针灸串换为特殊针灸收费，医师王小明经手；患者赵六冒用他人医保卡就诊；医生李明开具处方。',
      '王小明、赵六、李明另行处理。',
    ]);
    expect(facts).toBe('该院将普通针灸串换为特殊针灸收费，医师王**经手；患者赵*冒用他人医保卡就诊；医生李*开具处方。');
    expect(decision).toBe('王**、赵*、李*另行处理。');
  });

  it('leaves a verb after a marker alone: 工作人员违规操作 names nobody', () => {
    expect(maskPersonalData(['该院工作人员违规操作，患者住院未核验身份。'])[0]).toBe('该院工作人员违规操作，患者住院未核验身份。');
  });
});
