import { Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ByIdQuery } from '../../../platform/cqrs/actor-command.js';
import { Queries } from '../../../platform/cqrs/commands.js';
import type { Actor } from '../../../kernel/actor.js';
import type { SpotCheckFigures } from './campaign-summary.js';
import { Campaigns } from './campaign.repository.js';

/** The campaign's (by its id) spot-check figures. */
export class CampaignSpotCheckFiguresQuery extends ByIdQuery<SpotCheckFigures> {}

/** The campaign's spot-check results by city, for its summary (inspections of its spot-checks). */
@QueryHandler(CampaignSpotCheckFiguresQuery)
export class CampaignSpotCheckFiguresHandler implements IQueryHandler<CampaignSpotCheckFiguresQuery> {
  constructor(private readonly campaigns: Campaigns) {}

  async execute({ id: campaignId }: CampaignSpotCheckFiguresQuery): Promise<SpotCheckFigures> {
    const rows = await this.campaigns.q<{ code: string; name: string; providers: number; drawn: number; sent: number; findings: number; amount: string }>(
      `with camp as (select city_codes, institution_kinds from campaign where id = ?),
            sc as (select id from spot_check where campaign_id = ? and status not in ('draft', 'committed')),
            drawn as (
              select i.city_code, count(distinct i.institution_id)::int as drawn,
                     count(*) filter (where i.status = 'sent')::int as sent,
                     coalesce(sum(jsonb_array_length(i.findings)) filter (where i.status = 'sent'), 0)::int as findings,
                     coalesce(sum((select coalesce(sum((f->>'amount')::numeric), 0) from jsonb_array_elements(i.findings) f)) filter (where i.status = 'sent'), 0)::text as amount
                from inspection i where i.spot_check_id in (select id from sc) group by i.city_code)
       select r.code, r.name,
              (select count(*)::int from organization o where o.kind = 'institution' and o.region_code like r.code || '%'
                  and o.institution_type = any(camp.institution_kinds)) as providers,
              coalesce(d.drawn, 0) as drawn, coalesce(d.sent, 0) as sent, coalesce(d.findings, 0) as findings, coalesce(d.amount, '0') as amount
         from camp join region r on r.code = any(camp.city_codes) left join drawn d on d.city_code = r.code
        where exists (select 1 from sc)
        order by r.code`, [campaignId, campaignId]);
    return {
      byCity: rows.map((r) => ({ cityCode: r.code, cityName: r.name, providers: r.providers, drawn: r.drawn, sent: r.sent, findings: r.findings, findingAmount: Number(r.amount) })),
    };
  }
}

@Injectable()
export class CampaignSpotCheckFigures {
  constructor(private readonly queries: Queries) {}

  figures(actor: Actor, campaignId: string): Promise<SpotCheckFigures> {
    return this.queries.execute(new CampaignSpotCheckFiguresQuery(actor, campaignId));
  }
}
