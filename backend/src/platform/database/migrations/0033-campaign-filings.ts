import { Migration } from '@mikro-orm/migrations';
import { tenantPolicy } from './rls.js';

/**
 * Campaign filings with the national bureau (issue 18, the national bureau's inbox;
 * contexts/campaigns/README.md): the province sends its campaign plan (due by the calendar's
 * plan_filed_by, seed 003: 31 March) and its summary (summary_due: 30 November); the national
 * overseer acknowledges each or returns it with a reason. One row per campaign and kind; a returned
 * filing is sent again on the same row (send_count). Until now the filing only flipped a flag
 * (campaign.plan_filed_late at the assignment, campaign.summary_filed_at): those are carried over as
 * filings sent when they were flipped (not acknowledged: nobody at the national level saw them).
 *
 * Tenancy: the province's row (region_path, owner_org_id of the campaign): the province reads its own,
 * the national bureau (scope '/') reads all, a city or county reads nothing (no chain-of-command read).
 */
export class Migration0033CampaignFilings extends Migration {
  override name = '0033-campaign-filings';

  override async up(): Promise<void> {
    this.addSql(`
      create table campaign_filing (
        id uuid primary key,
        campaign_id uuid not null references campaign (id),
        region_path text not null,
        owner_org_id text not null references organization (id),
        kind text not null check (kind in ('plan', 'summary')),
        due_date date not null,
        status text not null check (status in ('sent', 'acknowledged', 'returned')),
        note text,
        attachment_ids uuid[] not null default '{}',
        sent_at timestamptz not null,
        sent_by text not null,
        send_count integer not null default 1,
        acknowledged_at timestamptz,
        acknowledged_by text,
        returned_at timestamptz,
        returned_by text,
        return_reason text,
        version integer not null default 1,
        unique (campaign_id, kind)
      );
      create index campaign_filing_scope_idx on campaign_filing (region_path text_pattern_ops, status);

      insert into campaign_filing (id, campaign_id, region_path, owner_org_id, kind, due_date, status, sent_at, sent_by)
      select gen_random_uuid(), c.id, c.region_path, c.owner_org_id, 'plan', c.plan_filed_by, 'sent', c.assigned_at, c.created_by
        from campaign c where c.assigned_at is not null;
      insert into campaign_filing (id, campaign_id, region_path, owner_org_id, kind, due_date, status, note, sent_at, sent_by)
      select gen_random_uuid(), c.id, c.region_path, c.owner_org_id, 'summary', c.summary_due, 'sent', c.summary_comment, c.summary_filed_at, c.created_by
        from campaign c where c.summary_filed_at is not null;
    `);
    this.addSql(tenantPolicy('campaign_filing'));
    this.addSql(`grant select, insert, update on campaign_filing to fundsup_app;`);
  }
}
