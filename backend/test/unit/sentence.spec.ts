import { sentenceEn, sentenceZh } from '../../src/kernel/sentence.js';

// Issue 16 item 7: a quoted comment is closed exactly once, so 「退回意见：数据有误。」 never reads 「数据有误。。」.
describe('sentenceZh / sentenceEn', () => {
  it.each([
    ['数据有误', '数据有误。'],
    ['数据有误。', '数据有误。'],
    ['数据有误！', '数据有误！'],
    ['是否漏报？', '是否漏报？'],
    ['请补充附件；', '请补充附件。'],
    ['请补充附件，', '请补充附件。'],
    ['  金额不对.  ', '金额不对。'],
    ['', ''],
  ])('zh %j → %j', (text, expected) => {
    expect(sentenceZh(text)).toBe(expected);
    expect(`退回意见：${sentenceZh(text)}请修改后重新提交。`).not.toMatch(/[。！？][。]/);
  });

  it.each([
    ['Wrong figures', 'Wrong figures.'],
    ['Wrong figures.', 'Wrong figures.'],
    ['Missing?', 'Missing?'],
    ['See the annex;', 'See the annex.'],
    ['数据有误。', '数据有误。'],
    ['Wait...', 'Wait...'],
  ])('en %j → %j', (text, expected) => {
    expect(sentenceEn(text)).toBe(expected);
  });
});
