import type { DocumentRequest } from '../inspections/document-request-models';

// Test data for document requests (调取资料, issue 13 §3): the Xuanwu agency (agency-320102) asks
// the Xuanwu hospital of its inspection ai1 (fakeAgencyInspection), in September 2027 (SPOT_CHECK_NOW).

export function fakeDocumentRequest(overrides: Partial<DocumentRequest> = {}): DocumentRequest {
  return {
    id: 'dr1',
    inspectionId: 'ai1',
    institution: { id: 'inst-320102-0001', name: '南京玄武康宁医院' },
    agency: { id: 'agency-320102', name: '南京市玄武区医疗保险管理中心' },
    items: '2027年7月至8月住院病历（含医嘱、护理记录）\n同期药品进销存台账',
    dueDate: '2027-09-20',
    status: 'requested',
    overdue: false,
    answer: null,
    attachmentIds: [],
    requestedAt: '2027-09-13T01:30:00Z',
    requestedBy: '陈静',
    answeredAt: null,
    ...overrides,
  };
}
