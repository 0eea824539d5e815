// UI strings of the lists' shared toolbar (shell/list-toolbar.ts), spread into the main dictionaries.

export const listToolbarZh = {
  'list.search.placeholder': '机构名称或编码',
  'list.search.label': '按机构名称或编码搜索',
  'list.search.button': '搜索',
  'list.region.label': '地区',
  'list.region.all': '全部地区',
  'list.status.label': '状态',
  'list.status.all': '全部状态',
  'list.period.label': '期间',
  'list.period.start': '开始日期',
  'list.period.end': '结束日期',
  'list.reset': '清除筛选',
  'list.export.xlsx': '导出 Excel',
  'list.export.hint': '导出当前筛选条件下的全部记录',
} as const;

export const listToolbarEn: Record<keyof typeof listToolbarZh, string> = {
  'list.search.placeholder': 'Institution name or code',
  'list.search.label': 'Search by institution name or code',
  'list.search.button': 'Search',
  'list.region.label': 'Region',
  'list.region.all': 'All regions',
  'list.status.label': 'Status',
  'list.status.all': 'All statuses',
  'list.period.label': 'Period',
  'list.period.start': 'From',
  'list.period.end': 'To',
  'list.reset': 'Clear filters',
  'list.export.xlsx': 'Export Excel',
  'list.export.hint': 'Exports every record under the current filters',
};
