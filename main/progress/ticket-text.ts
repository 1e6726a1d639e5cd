import type { ApplicationStatus } from '../../contract/progress';

// The words printed on slips, queue tickets and receipts, in the language the resident chose.
// (The screens have their own dictionaries; a ticket is printed by main, so its words live here.)

export type TicketLang = 'zh-CN' | 'en';

const STATUS: Record<TicketLang, Record<ApplicationStatus, string>> = {
  'zh-CN': {
    received: '已受理',
    in_progress: '办理中',
    awaiting_materials: '待补正材料',
    approved: '已批准',
    rejected: '不予批准',
    completed: '已办结',
    withdrawn: '已撤回',
  },
  en: {
    received: 'Received',
    in_progress: 'In progress',
    awaiting_materials: 'Waiting for more documents',
    approved: 'Approved',
    rejected: 'Not approved',
    completed: 'Completed',
    withdrawn: 'Withdrawn',
  },
};

const WORDS = {
  'zh-CN': {
    brand: '海珠e办事',
    slipTitle: '办件进度凭条',
    number: '申请编号：{value}',
    item: '事项：{value}',
    applicant: '申请人：{value}',
    status: '状态：{value}',
    steps: '已完成：{value}',
    next: '下一步：{value}',
    noNext: '下一步：无（已结束）',
    due: '承诺办结：{value}',
    scan: '扫码查看最新进度',
    queueTitle: '排队取号',
    category: '业务：{value}',
    waiting: '前面还有 {value} 人',
    wait: '请留意叫号，过号请重新取号',
    receiptTitle: '打印凭条',
    receiptCount: '本次共打印 {value} 份',
    printedAt: '打印时间：{value}',
    kiosk: '自助机：{value}',
    kinds: { guide: '办事指南', 'form-blank': '空白表格', 'form-sample': '填写样表', certificate: '证明', 'result-document': '结果文书', 'test-page': '测试页' } as Record<string, string>,
  },
  en: {
    brand: 'Haizhu e-Service',
    slipTitle: 'Application progress',
    number: 'Application: {value}',
    item: 'Service: {value}',
    applicant: 'Applicant: {value}',
    status: 'Status: {value}',
    steps: 'Done: {value}',
    next: 'Next: {value}',
    noNext: 'Next: none (finished)',
    due: 'Due by: {value}',
    scan: 'Scan for the latest progress',
    queueTitle: 'Queue ticket',
    category: 'Service: {value}',
    waiting: 'People ahead of you: {value}',
    wait: 'Please listen for your number',
    receiptTitle: 'Print receipt',
    receiptCount: '{value} prints this visit',
    printedAt: 'Printed: {value}',
    kiosk: 'Kiosk: {value}',
    kinds: { guide: 'Service guide', 'form-blank': 'Blank form', 'form-sample': 'Sample form', certificate: 'Certificate', 'result-document': 'Result document', 'test-page': 'Test page' } as Record<string, string>,
  },
} as const;

export type TicketWords = (typeof WORDS)['zh-CN'];
type WordKey = Exclude<keyof TicketWords, 'kinds'>;

export function ticketWords(lang: TicketLang) {
  const table = WORDS[lang];
  return {
    say: (key: WordKey, value: string | number = '') => table[key].replace('{value}', String(value)),
    status: (s: ApplicationStatus) => STATUS[lang][s],
    kind: (k: string) => table.kinds[k] ?? k,
  };
}

/** 2026-11-28 10:05 in Guangzhou time. */
export function hallTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
