import { ALERT_COLUMNS, alertSourceRef, checkAlertRows } from '../../src/contexts/leads/domain/alert-import.js';

// The smart-monitoring alert file's rows (issue 17): every problem reported with its row and column in
// both languages, nothing accepted when one row is wrong.

const TODAY = '2026-12-07';
let alertNo = 0;
const good = (over: Record<string, unknown> = {}) => ({
  规则编码: 'R-0101', 预警编号: `A${++alertNo}`, 规则名称: '同一患者同日多次住院', 机构编码: 'inst-320102-0001', 机构名称: '南京玄武康宁医院', '就诊/结算日期': '2026-11-20', 涉及金额: '1234.5', 明细说明: '患者张某 11 月 20 日办理两次入院', ...over,
});

describe('checkAlertRows', () => {
  it('accepts a well-formed file (columns in any order, blank rows skipped)', () => {
    const header = [...ALERT_COLUMNS].reverse();
    const r = checkAlertRows(header, [good(), {}, good({ 涉及金额: '', 机构编码: 'H32010200001' })], TODAY);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.row, x.institutionCode, x.amount])).toEqual([[2, 'inst-320102-0001', '1234.5'], [4, 'H32010200001', null]]);
    expect(alertSourceRef(r.rows[0]!)).toMatch(/^R-0101\/A\d+$/);
  });

  it('reports every bad cell by row and column, zh and en, and accepts no row then', () => {
    const r = checkAlertRows([...ALERT_COLUMNS], [
      good(),
      good({ 规则名称: '', '就诊/结算日期': '2026-02-30' }),
      good({ 涉及金额: '-3', 明细说明: ' ' }),
      good({ 机构编码: '玄武 医院', '就诊/结算日期': '2026-12-08' }),
      good({ 涉及金额: '12.345' }),
    ], TODAY);
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '规则名称', 'alert_rule_required'],
      [3, '就诊/结算日期', 'alert_date_invalid'],
      [4, '涉及金额', 'alert_amount_invalid'],
      [4, '明细说明', 'alert_details_required'],
      [5, '机构编码', 'alert_institution_code_invalid'],
      [5, '就诊/结算日期', 'alert_date_invalid'],
      [6, '涉及金额', 'alert_amount_invalid'],
    ]);
    expect(r.errors[0]!.message).toEqual({ zh: '第 3 行「规则名称」：必填', en: 'row 3, rule name: required' });
  });

  it('names the rule code and alert number that are missing or malformed, and the same alert twice in the file', () => {
    const r = checkAlertRows([...ALERT_COLUMNS], [
      good({ 规则编码: 'R-1', 预警编号: 'X-1' }),
      good({ 规则编码: '', 预警编号: 'bad number!' }),
      good({ 规则编码: 'R-1', 预警编号: 'X-1' }),
    ], TODAY);
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '规则编码', 'alert_rule_code_required'],
      [3, '预警编号', 'alert_no_invalid'],
      [4, '预警编号', 'alert_duplicate_in_file'],
    ]);
    expect(r.errors[2]!.message).toEqual({ zh: '第 4 行「预警编号」：与第 2 行是同一预警（R-1/X-1）', en: 'row 4, alert number: the same alert as row 2 (R-1/X-1)' });
  });

  it('refuses a file without the template header, or without alerts', () => {
    const noDate = checkAlertRows(ALERT_COLUMNS.filter((c) => c !== '就诊/结算日期'), [good()], TODAY);
    expect(noDate.errors).toEqual([{ row: 1, column: '就诊/结算日期', code: 'alert_import_header', message: expect.objectContaining({ zh: expect.stringContaining('就诊/结算日期') }) }]);
    expect(checkAlertRows([...ALERT_COLUMNS], [{}, {}], TODAY).errors.map((e) => e.code)).toEqual(['alert_import_empty']);
  });
});
