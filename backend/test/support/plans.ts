import type { PlanContent, ScheduleTask } from '../../src/contexts/annual-plans/domain/plan-content.js';

// A county agency's annual supervision plan as the specs and benchmarks draft it (issue 3): 120 on-site
// checks (ten a month) and full coverage reported quarterly, two catalogue focus areas and one of the
// unit's own.

/** The plan's content: its targets, focus areas, methods, steps and the person responsible. */
export function planContent(): PlanContent {
  return {
    targets: [
      { code: 'provider_coverage', label: '定点医药机构现场检查覆盖率', unit: 'percent', value: 100 },
      { code: 'onsite_checks', label: '现场检查家次', unit: 'count', value: 120 },
    ],
    focusAreas: ['split_charging', 'bed_blocking', '医保基金使用内部审计'],
    methods: '日常稽核与专项检查相结合，运用大数据筛查疑点线索。',
    steps: '一季度部署动员，二、三季度集中检查，四季度总结整改。',
    responsiblePersons: [{ name: '张伟', title: '稽核科科长', phone: '025-84600000' }],
  };
}

/** The plan's schedule: the monthly checks toward onsite_checks, the quarterly report toward provider_coverage. */
export function planSchedule(): ScheduleTask[] {
  return [
    { id: 'T1', title: '定点医药机构现场检查', owner: '稽核科', targetCode: 'onsite_checks', monthly: Array(12).fill(10) },
    { id: 'T2', title: '检查覆盖情况通报', owner: '综合科', targetCode: 'provider_coverage', monthly: [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1] },
  ];
}
