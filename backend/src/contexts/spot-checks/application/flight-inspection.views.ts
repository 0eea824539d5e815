import type { LeadResult, LeadStatus } from '../../leads/index.js';
import type { FlightInspectionStatus, FlightTeamMember } from '../domain/flight-inspection.js';
import type { InspectionStatus } from '../domain/inspection.js';

/** A row of the flight inspections' list. */
export interface FlightInspectionSummary {
  id: string;
  flightNo: number;
  title: string;
  province: { code: string; name: string };
  institutions: number;
  startDate: string;
  endDate: string;
  status: FlightInspectionStatus;
  /** Leads handed to the province, and how many of them reached their end (accepted, or dismissed). */
  leads: number;
  createdAt: string;
  createdBy: string;
}

/** One institution's inspection of the flight (recorded on the inspection's own page, PUT /api/inspections/:id). */
export interface FlightInspectionRow {
  id: string;
  institution: { id: string; name: string; regionCode: string };
  status: InspectionStatus;
  inspectedOn: string | null;
  findings: number;
  /** Decimal yuan string: the findings' total. */
  amount: string;
  team: { inspectorId: string; name: string; organizationName: string }[];
}

/** A handed-over result and the province's follow-up (the lead's state; null when the reader cannot see the lead). */
export interface FlightResultView {
  inspectionId: string;
  institution: { id: string; name: string };
  leadId: string | null;
  followUp: { status: LeadStatus; result: LeadResult | null; confirmedAmount: string | null; closedAt: string | null; acceptedAt: string | null } | null;
}

export interface FlightInspectionView extends FlightInspectionSummary {
  institutionList: { id: string; name: string; regionCode: string }[];
  teamSize: number;
  team: FlightTeamMember[];
  resultHash: string;
  /** The draw's recusals: inspectors of the inspected province set aside, inspector–institution links set aside. */
  exclusions: { sameProvince: number; linked: number };
  startedAt: string | null;
  handedOverAt: string | null;
  inspections: FlightInspectionRow[];
  results: FlightResultView[];
  /** Every lead reached its end (accepted by the national bureau, or dismissed): the follow-up is complete. */
  followUpComplete: boolean;
  /** What the reader may do now. */
  actions: { start: boolean; handOver: boolean };
}
