import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../../platform/auth/decorators.js';
import { Queries } from '../../../platform/cqrs/commands.js';
import { sendDownload } from '../../../platform/http/download.js';
import type { Actor } from '../../../kernel/actor.js';
import { GetDashboardQuery, ListDashboardItemsQuery, type Dashboard } from '../application/queries.js';
import { dashboardWorkbook } from '../infrastructure/dashboard-workbook.js';

const READERS = ['leader', 'national_overseer', 'province_official', 'city_agency_staff', 'county_staff'] as const;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** docs/api/dashboards-and-monthly-reports.md §2: the leaders' dashboards, read from the projection. */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards')
export class DashboardsHttpController {
  constructor(private readonly queries: Queries) {}

  @Get()
  @Roles(...READERS)
  dashboard(@CurrentActor() actor: Actor, @Query('region') region?: string, @Query('period') period?: string): Promise<Dashboard> {
    return this.queries.execute(new GetDashboardQuery(actor, str(region), str(period)));
  }

  @Get('items')
  @Roles(...READERS)
  items(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.queries.execute(new ListDashboardItemsQuery(actor, {
      region: str(query.region), period: str(query.period), metric: str(query.metric), institution: str(query.institution),
      institutionKind: str(query.institutionKind), ytd: str(query.ytd), page: str(query.page), size: str(query.size),
    }));
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  async export(@CurrentActor() actor: Actor, @Res() res: Response, @Query('region') region?: string, @Query('period') period?: string) {
    const d = await this.queries.execute(new GetDashboardQuery(actor, str(region), str(period)));
    sendDownload(res, await dashboardWorkbook(d), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${d.region.name}监管看板-${d.period.key}.xlsx`);
  }
}
