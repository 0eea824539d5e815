import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '../../../kernel/actor.js';
import { ActorQuery } from '../../../platform/cqrs/actor-command.js';
import { isUuid } from '../../../platform/database/sql.js';
import { UnitOfWork } from '../../../platform/tenancy/unit-of-work.js';

/** An agency inspection as another context refers to it (a lead investigated by it, issue 17): who inspects whom. */
export interface InspectionRef {
  id: string;
  agencyId: string;
  /** The inspecting agency's region path. */
  agencyRegionPath: string;
  institutionId: string;
  inspectionType: string | null;
  status: string;
}

/** The agency inspection by id in the reader's scope (row-level security), or null: the read contract leads link an inspection with. */
export class InspectionRefQuery extends ActorQuery<InspectionRef | null> {
  constructor(actor: Actor, readonly inspectionId: string) { super(actor); }
}

@QueryHandler(InspectionRefQuery)
export class InspectionRefHandler implements IQueryHandler<InspectionRefQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute({ inspectionId }: InspectionRefQuery): Promise<InspectionRef | null> {
    if (!isUuid(inspectionId)) return null;
    const [r] = await this.uow.em.execute<{ id: string; agency_id: string; agency_region_path: string; institution_id: string; inspection_type: string | null; status: string }[]>(
      `select i.id, i.agency_id, a.region_path as agency_region_path, i.institution_id, i.inspection_type, i.status
         from inspection i join organization a on a.id = i.agency_id
        where i.id = ? and i.origin = 'agency'`, [inspectionId]);
    return r ? { id: r.id, agencyId: r.agency_id, agencyRegionPath: r.agency_region_path, institutionId: r.institution_id, inspectionType: r.inspection_type, status: r.status } : null;
  }
}
