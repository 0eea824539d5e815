import { parseStaffCsv } from './staff-import';

describe('parseStaffCsv', () => {
  it('reads a file with the English header and post codes', () => {
    const csv = 'personId,personName,posts\ne-1,赵敏,payment_review;fund_accounting\r\ne-2,钱亮,\n\n';
    expect(parseStaffCsv(csv)).toEqual({
      ok: true,
      staff: [
        { personId: 'e-1', personName: '赵敏', posts: ['payment_review', 'fund_accounting'] },
        { personId: 'e-2', personName: '钱亮', posts: [] },
      ],
    });
  });

  it('skips the BOM and reads the Chinese header and the labels the page shows', () => {
    const csv = '\uFEFF工号,姓名,岗位\n1001,孙丽,支付审核、基金出纳\n1002,"李, 强",系统管理；业务经办; payment_approval\n';
    expect(parseStaffCsv(csv)).toEqual({
      ok: true,
      staff: [
        { personId: '1001', personName: '孙丽', posts: ['payment_review', 'fund_cashier'] },
        { personId: '1002', personName: '李, 强', posts: ['system_admin', 'business_operator', 'payment_approval'] },
      ],
    });
  });

  it('refuses the whole file on unknown posts and malformed lines, with their line numbers', () => {
    const csv = '工号,姓名,岗位\n1001,孙丽,支付审核\n1002,周杰,出纳员\n1003,吴芳\n\n1004,郑浩,稽核监督、会计\n1001,王五,支付审批\n';
    expect(parseStaffCsv(csv)).toEqual({
      ok: false,
      error: 'lines',
      problems: [
        { line: 3, reason: 'unknownPost', values: ['出纳员'] },
        { line: 4, reason: 'malformed' },
        { line: 6, reason: 'unknownPost', values: ['会计'] },
        { line: 7, reason: 'duplicate' },
      ],
    });
  });

  it('refuses an empty file, a header alone and a wrong header', () => {
    expect(parseStaffCsv('')).toEqual({ ok: false, error: 'empty' });
    expect(parseStaffCsv('\uFEFF \r\n')).toEqual({ ok: false, error: 'empty' });
    expect(parseStaffCsv('工号,姓名,岗位\n')).toEqual({ ok: false, error: 'empty' });
    expect(parseStaffCsv('id,name\n1,a')).toEqual({ ok: false, error: 'header' });
  });
});
