// UI strings. zh-CN is the source of truth for the key set; the English dictionary is typed
// against it so a missing translation is a compile error, not a blank label.

import { campaignsEn, campaignsZh } from '../campaigns/campaigns.dictionary';
import { icEn, icZh } from '../ic/ic.dictionary';
import { noticesEn, noticesZh } from '../notices/notices.dictionary';
import { plansEn, plansZh } from '../plans/plans.dictionary';
import { dashboardsEn, dashboardsZh } from '../dashboards/dashboards.dictionary';
import { findingsEn, findingsZh } from '../findings/findings.dictionary';
import { inspectionsEn, inspectionsZh } from '../inspections/inspections.dictionary';
import { monthlyReportsEn, monthlyReportsZh } from '../monthly-reports/monthly-reports.dictionary';
import { spotChecksEn, spotChecksZh } from '../spot-checks/spot-checks.dictionary';
import { settingsEn, settingsZh } from '../settings/settings.dictionary';
import { todoEn, todoZh } from '../home/todo.dictionary';
import { listToolbarEn, listToolbarZh } from '../shell/list-toolbar.dictionary';
import { leadsEn, leadsZh } from '../leads/leads.dictionary';
import { enforcementEn, enforcementZh } from '../enforcement/enforcement.dictionary';
import { transfersEn, transfersZh } from '../transfers/transfers.dictionary';
import { majorCasesEn, majorCasesZh } from '../major-cases/major-cases.dictionary';
import { nationalEn, nationalZh } from '../national/national.dictionary';
import { flightInspectionsEn, flightInspectionsZh } from '../flight-inspections/flight-inspections.dictionary';
import { tipsEn, tipsZh } from '../tips/tips.dictionary';

export const zhCN = {
  'app.title': '医保基金监管平台',
  'app.shortTitle': '医保监管',
  'app.version': '版本 {version}',

  'header.toggleMenu': '展开或收起菜单',
  'header.openMenu': '打开菜单',
  'header.closeMenu': '关闭菜单',
  'header.notifications': '消息通知',
  'header.unread': '{count} 条未读',
  'header.switchLanguage': 'English',
  'header.switchLanguageHint': 'Switch to English',
  'header.logout': '退出登录',

  'nav.main': '主导航',
  'shell.skipToMain': '跳到主要内容',
  'shell.breadcrumb': '页面路径',
  'nav.home': '首页',
  'nav.notifications': '消息',
  'nav.notices': '通知签收',
  'nav.readOnly': '只读',

  'section.province': '省级监管',
  'section.province.national': '全国监管',
  'section.cityCounty': '市/区县经办',
  'section.institution': '定点医药机构',
  'section.leader': '领导驾驶舱',

  'feature.annualPlans': '年度监管方案',
  'feature.annualPlanBoard': '年度方案备案进度',
  'feature.campaigns': '专项治理',
  'feature.spotChecks': '抽查',
  'feature.findings': '问题线索与处理',
  'feature.disputes': '争议处理',
  'feature.audits': '内控检查',
  'feature.monthlyReports': '月报表',
  'feature.dashboards': '驾驶舱',
  'feature.findingsToConfirm': '问题线索确认',
  'feature.selfInspection': '自查自纠',
  'feature.rectification': '整改',
  'feature.disputeRequests': '争议申请',

  'role.national_overseer': '国家级监督员',
  'role.province_official': '省级医保部门',
  'role.city_agency_staff': '市级经办机构',
  'role.county_staff': '区县医保部门',
  'role.institution_clerk': '定点医药机构经办人',
  'role.leader': '领导',

  'orgKind.bureau': '医疗保障局',
  'orgKind.agency': '医保经办机构',
  'orgKind.institution': '定点医药机构',

  'level.nation': '全国',
  'level.province': '省级',
  'level.city': '市级',
  'level.county': '区县级',
  'level.institution': '机构',

  'home.greeting': '您好，{name}',
  'home.role': '角色',
  'home.region': '所属区划',
  'home.org': '所属机构',
  'home.tasks': '您将在这里完成的工作',
  'home.comingSoon': '建设中',
  'home.noRole': '您的账号尚未分配本平台的角色，请联系系统管理员。',

  'card.province.annualPlans': '开启年度方案编制，审核各市方案并予以备案，查看全省备案与执行进度。',
  'card.province.campaigns': '部署全省专项治理行动，跟踪各地市进展。',
  'card.province.spotChecks': '制定抽查计划，随机抽取定点医药机构。',
  'card.province.disputes': '对市、区县处理后仍有异议的争议作出终审决定。',
  'card.province.audits': '对经办机构开展内部控制检查。',
  'card.overseer.province': '只读查看各省的监管方案、专项治理与抽查进展。',
  'card.overseer.dashboards': '全国基金监管总体态势。',
  'card.city.annualPlans': '编制本市年度监管方案与工作推进配档表，审核区县方案。',
  'card.city.spotChecks': '承接省级下发的抽查任务，组织现场检查。',
  'card.city.findings': '登记问题线索，作出处理决定并跟踪整改。',
  'card.city.disputes': '受理定点医药机构提出的争议并作出初步处理。',
  'card.city.monthlyReports': '汇总并上报本市月度监管数据。',
  'card.county.annualPlans': '编制本区县年度监管方案与工作推进配档表，5月15日前报送。',
  'card.county.spotChecks': '对辖区内定点医药机构开展现场核查。',
  'card.county.findings': '登记现场核查发现的问题线索。',
  'card.county.monthlyReports': '填报本区县月度监管数据。',
  'card.institution.findings': '确认或反馈医保部门发现的问题线索。',
  'card.institution.selfInspection': '完成医保部门下发的自查自纠任务。',
  'card.institution.rectification': '提交整改措施与整改结果。',
  'card.institution.disputes': '对处理决定有异议时提出争议申请。',
  'card.leader.dashboards': '辖区基金监管总体态势与重点指标。',
  'card.leader.monthlyReports': '查阅汇总后的监管月报。',
  'card.leader.annualPlans': '查看辖区年度监管方案的备案与执行进度。',

  'comingSoon.title': '功能建设中',
  'comingSoon.body': '“{feature}”尚在建设中，当前版本还不能使用。',
  'comingSoon.readOnly': '该模块上线后，您将拥有只读权限。',
  'comingSoon.back': '返回首页',

  'forbidden.title': '无权访问',
  'forbidden.body': '您当前的角色不能访问该页面。',

  'notifications.title': '消息通知',
  'notifications.unread': '未读',
  'notifications.all': '全部',
  'notifications.markRead': '标为已读',
  'notifications.read': '已读',
  'notifications.open': '查看',
  'notifications.empty': '暂无消息',
  'notifications.total': '共 {total} 条',
  'notifications.refresh': '刷新',
  'notifications.loadFailed': '消息加载失败，请稍后重试。',
  'notifications.exportName': '消息',
  'notifications.sort.label': '排序',
  'notifications.sort.newest': '最新在前',
  'notifications.sort.oldest': '最早在前',
  'notifications.sort.title': '按标题',

  'errors.network': '无法连接服务器，请检查网络后重试。',
  'errors.unauthenticated': '登录已失效，请重新登录。',
  'errors.forbidden': '您没有执行该操作的权限。',
  'errors.unknown': '请求失败（HTTP {status}）。',

  'attachments.typeNotAllowed': '未上传“{filename}”：只接受 PDF、PNG、JPEG、XLSX、DOCX、OFD 或 ZIP 文件。',
  'attachments.tooLarge': '未上传“{filename}”：文件超过 {max} MB 的大小限制。',
  'attachments.empty': '未上传“{filename}”：文件为空。',

  // Internal control audits (内控检查).
  'boot.title': '平台暂时无法打开',
  'boot.config': '无法读取运行配置（/api/config）。',
  'boot.login': '无法完成统一身份认证登录。',
  'boot.me': '无法获取您的用户信息（/api/me）。',
  'boot.retry': '重试',

  ...campaignsZh,
  ...spotChecksZh,
  ...inspectionsZh,
  ...findingsZh,
  ...monthlyReportsZh,
  ...dashboardsZh,
  ...plansZh,
  ...icZh,
  ...noticesZh,
  ...settingsZh,
  ...todoZh,
  ...listToolbarZh,
  ...leadsZh,
  ...enforcementZh,
  ...transfersZh,
  ...majorCasesZh,
  ...nationalZh,
  ...flightInspectionsZh,
  ...tipsZh,
} as const satisfies Record<string, string>;

export type TranslationKey = keyof typeof zhCN;
export type Dictionary = Record<TranslationKey, string>;

export const en: Dictionary = {
  'app.title': 'Medical Insurance Fund Supervision',
  'app.shortTitle': 'Fund Supervision',
  'app.version': 'Version {version}',

  'header.toggleMenu': 'Expand or collapse the menu',
  'header.openMenu': 'Open the menu',
  'header.closeMenu': 'Close the menu',
  'header.notifications': 'Notifications',
  'header.unread': '{count} unread',
  'header.switchLanguage': '中文',
  'header.switchLanguageHint': '切换到中文',
  'header.logout': 'Sign out',

  'nav.main': 'Main navigation',
  'shell.skipToMain': 'Skip to main content',
  'shell.breadcrumb': 'Breadcrumb',
  'nav.home': 'Home',
  'nav.notifications': 'Notifications',
  'nav.notices': 'Notices',
  'nav.readOnly': 'Read-only',

  'section.province': 'Province supervision',
  'section.province.national': 'National oversight',
  'section.cityCounty': 'City & county',
  'section.institution': 'Designated institution',
  'section.leader': 'Leadership cockpit',

  'feature.annualPlans': 'Annual supervision plans',
  'feature.annualPlanBoard': 'Annual plan filing',
  'feature.campaigns': 'Special campaigns',
  'feature.spotChecks': 'Spot checks',
  'feature.findings': 'Findings & handling',
  'feature.disputes': 'Disputes',
  'feature.audits': 'Internal control audits',
  'feature.monthlyReports': 'Monthly reports',
  'feature.dashboards': 'Dashboards',
  'feature.findingsToConfirm': 'Findings to confirm',
  'feature.selfInspection': 'Self-inspection',
  'feature.rectification': 'Rectification',
  'feature.disputeRequests': 'Dispute requests',

  'role.national_overseer': 'National overseer',
  'role.province_official': 'Provincial official',
  'role.city_agency_staff': 'City agency staff',
  'role.county_staff': 'County staff',
  'role.institution_clerk': 'Institution clerk',
  'role.leader': 'Leader',

  'orgKind.bureau': 'Healthcare security bureau',
  'orgKind.agency': 'Insurance handling agency',
  'orgKind.institution': 'Designated medical institution',

  'level.nation': 'National',
  'level.province': 'Province',
  'level.city': 'City',
  'level.county': 'County',
  'level.institution': 'Institution',

  'home.greeting': 'Hello, {name}',
  'home.role': 'Role',
  'home.region': 'Region',
  'home.org': 'Organization',
  'home.tasks': 'What you will do here',
  'home.comingSoon': 'Coming soon',
  'home.noRole': 'Your account has no role in this suite yet. Please contact your administrator.',

  'card.province.annualPlans': "Open the planning cycle, file or return the cities' plans, and follow filing and progress.",
  'card.province.campaigns': 'Launch province-wide special campaigns and track each city.',
  'card.province.spotChecks': 'Plan spot checks and randomly select designated institutions.',
  'card.province.disputes': 'Make the final decision on disputes escalated from cities and counties.',
  'card.province.audits': 'Audit the internal controls of handling agencies.',
  'card.overseer.province': "Read-only view of each province's plans, campaigns and spot checks.",
  'card.overseer.dashboards': 'Nationwide fund supervision at a glance.',
  'card.city.annualPlans': "Draft the city's annual plan and work schedule, and review the counties' plans.",
  'card.city.spotChecks': 'Carry out spot checks assigned by the province and organize on-site inspections.',
  'card.city.findings': 'Record findings, decide how they are handled and follow up on rectification.',
  'card.city.disputes': "Accept institutions' disputes and make the first-level decision.",
  'card.city.monthlyReports': "Compile and submit the city's monthly supervision report.",
  'card.county.annualPlans': "Draft the county's annual plan and work schedule and submit them by 15 May.",
  'card.county.spotChecks': 'Inspect designated institutions in your county on site.',
  'card.county.findings': 'Record the findings of on-site inspections.',
  'card.county.monthlyReports': "Fill in the county's monthly supervision report.",
  'card.institution.findings': 'Confirm or respond to findings raised by the bureau.',
  'card.institution.selfInspection': 'Complete self-inspection tasks assigned by the bureau.',
  'card.institution.rectification': 'Submit rectification measures and results.',
  'card.institution.disputes': 'File a dispute when you disagree with a decision.',
  'card.leader.dashboards': 'Overall supervision status and key indicators for your region.',
  'card.leader.monthlyReports': 'Read the consolidated monthly reports.',
  'card.leader.annualPlans': 'Follow the filing and progress of the annual plans in your region.',

  'comingSoon.title': 'Coming soon',
  'comingSoon.body': '"{feature}" is still being built and is not available in this version yet.',
  'comingSoon.readOnly': 'Once it is available you will have read-only access.',
  'comingSoon.back': 'Back to home',

  'forbidden.title': 'Not available',
  'forbidden.body': 'Your current role cannot open this page.',

  'notifications.title': 'Notifications',
  'notifications.unread': 'Unread',
  'notifications.all': 'All',
  'notifications.markRead': 'Mark as read',
  'notifications.read': 'Read',
  'notifications.open': 'Open',
  'notifications.empty': 'No notifications',
  'notifications.total': '{total} in total',
  'notifications.refresh': 'Refresh',
  'notifications.loadFailed': 'Could not load notifications. Please try again later.',
  'notifications.exportName': 'Notifications',
  'notifications.sort.label': 'Order',
  'notifications.sort.newest': 'Newest first',
  'notifications.sort.oldest': 'Oldest first',
  'notifications.sort.title': 'By title',

  'errors.network': 'Cannot reach the server. Check your connection and try again.',
  'errors.unauthenticated': 'Your session has expired. Please sign in again.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.unknown': 'Request failed (HTTP {status}).',

  'attachments.typeNotAllowed': '“{filename}” was not uploaded: only PDF, PNG, JPEG, XLSX, DOCX, OFD or ZIP files are accepted.',
  'attachments.tooLarge': '“{filename}” was not uploaded: it exceeds the {max} MB size limit.',
  'attachments.empty': '“{filename}” was not uploaded: the file is empty.',

  // Internal control audits.
  'boot.title': 'The platform cannot be opened right now',
  'boot.config': 'Could not load the runtime configuration (/api/config).',
  'boot.login': 'Could not complete sign-in.',
  'boot.me': 'Could not load your user profile (/api/me).',
  'boot.retry': 'Retry',

  ...campaignsEn,
  ...spotChecksEn,
  ...inspectionsEn,
  ...findingsEn,
  ...monthlyReportsEn,
  ...dashboardsEn,
  ...plansEn,
  ...icEn,
  ...noticesEn,
  ...settingsEn,
  ...todoEn,
  ...listToolbarEn,
  ...leadsEn,
  ...enforcementEn,
  ...transfersEn,
  ...majorCasesEn,
  ...nationalEn,
  ...flightInspectionsEn,
  ...tipsEn,
};
