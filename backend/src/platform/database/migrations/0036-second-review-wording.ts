import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18: the agencies' review of major handling decisions is a second-person review (复核), not
 * enforcement's legal review (法制审核, the bureau's legal reviewers). The default legal clock that
 * sets its threshold (`major_decision_amount`, 0019) named it 法制审核; its source text now says 复核.
 * A province's own source (its rules' title) is left as the province wrote it. History lines written
 * before keep their words (待法制审核): they are the record of what was shown then.
 */
export class Migration0036SecondReviewWording extends Migration {
  override name = '0036-second-review-wording';

  override async up(): Promise<void> {
    this.addSql(`
      update legal_clock
         set source_zh = replace(source_zh, '（重大处理决定的法制审核金额线）', '（重大处理决定须经复核的金额线）'),
             source_en = replace(source_en, '(amount above which a decision needs legal review)', '(amount above which a decision needs a second-person review, 复核)')
       where province_code = '*' and key = 'major_decision_amount';
    `);
  }
}
