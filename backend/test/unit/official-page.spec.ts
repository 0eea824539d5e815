import { headedTable, heading } from '../../src/platform/documents/page.js';

describe('official document parts', () => {
  it('a heading prints in the heading style', () => {
    expect(heading('一、基本情况')).toEqual({ text: '一、基本情况', style: 'heading' });
  });

  it('a headed table has one bold centred header row, light lines, and the document\'s own settings', () => {
    expect(headedTable(['*', 40], ['项目', '数值'], [['a', '1']])).toEqual({
      table: { headerRows: 1, widths: ['*', 40], body: [[{ text: '项目', bold: true, alignment: 'center' }, { text: '数值', bold: true, alignment: 'center' }], ['a', '1']] },
      layout: 'lightHorizontalLines',
    });
    expect(headedTable(['*'], ['项目'], [], { fontSize: 9, margin: [0, 0, 0, 8] })).toMatchObject({ layout: 'lightHorizontalLines', fontSize: 9, margin: [0, 0, 0, 8] });
  });
});
