import { ActorCommand, ActorQuery, ByIdQuery, TargetedCommand } from '../../../platform/cqrs/actor-command.js';
import type { ExportSink, ListParams } from '../../../platform/database/sql.js';
import type { Actor } from '../../../kernel/actor.js';
import type { FlightInspectionInput } from '../domain/flight-inspection.js';
import type { FlightInspectionSummary, FlightInspectionView } from './flight-inspection.views.js';

export interface OrganizeFlightInput extends FlightInspectionInput {
  /** The witnesses' secrets: the draw's seed (published in the record). */
  witnessSecrets: unknown;
  /** An optional public randomness beacon mixed into the seed. */
  beacon?: unknown;
}

/** The national bureau organizes a flight inspection and draws its team from other provinces (in one step). */
export class OrganizeFlightInspectionCommand extends ActorCommand<{ id: string }> {
  constructor(actor: Actor, readonly input: OrganizeFlightInput) {
    super(actor);
  }
  auditTarget() {
    return `flight-inspection:${String(this.input.provinceCode)}`;
  }
  auditPayload() {
    // The secrets are in the published record once the draw succeeded; a refused attempt keeps them out of the trail.
    const { witnessSecrets: _secrets, ...rest } = this.input;
    return { ...rest };
  }
}

/** The team arrives: the inspections are created and the province is told. */
export class StartFlightInspectionCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly flightInspectionId: string) {
    super(actor, flightInspectionId);
  }
}

/** Every result to the province: a lead in its ledger for each result with findings. */
export class HandOverFlightInspectionCommand extends TargetedCommand<void> {
  constructor(actor: Actor, readonly flightInspectionId: string) {
    super(actor, flightInspectionId);
  }
}

/** The list's parameters (issue 16 §2): `q` the title or an inspected institution (name contains, code equals), `regionCode`, `status`, `from`/`to` the start date. */
export interface FlightInspectionFilter extends ListParams { status?: string; page?: number; pageSize?: number }

export class ListFlightInspectionsQuery extends ActorQuery<{ items: FlightInspectionSummary[]; total: number }> {
  constructor(actor: Actor, readonly filter: FlightInspectionFilter = {}) {
    super(actor);
  }
}

export class ExportFlightInspectionsQuery extends ActorQuery<{ rows: number }> {
  constructor(actor: Actor, readonly filter: FlightInspectionFilter, readonly sink: ExportSink<FlightInspectionSummary>) {
    super(actor);
  }
}

export class GetFlightInspectionQuery extends ByIdQuery<FlightInspectionView> {}

/** The published draw record (canonical JSON, as stored): replay it with POST /api/spot-checks/verify. */
export class GetFlightInspectionRecordQuery extends ByIdQuery<string> {}
