// SW3 result codes of the SAM_V (DEVICES.md §1.4). SW1 = SW2 = 00 on every known reader.

export type SamStatusName =
  | 'ok'
  | 'noContent'
  | 'findOk'
  | 'hostChecksumError'
  | 'hostLengthError'
  | 'commandError'
  | 'notPermitted'
  | 'unrecognisedError'
  | 'cardAuthenticatesSamFailed'
  | 'samAuthenticatesCardFailed'
  | 'verificationError'
  | 'unknownCardType'
  | 'readFailed'
  | 'randomNumberFailed'
  | 'samSelfTestFailed'
  | 'samNotAuthorised'
  | 'noCard'
  | 'selectFailed'
  | 'unknownStatus';

/**
 * Who is at fault: `success`; `host` (our frame or command was wrong); `card` (the card in the
 * field could not be authenticated or read); `sam` (the security module is unusable); `noCard`.
 */
export type SamStatusCategory = 'success' | 'host' | 'card' | 'sam' | 'noCard' | 'unknown';

export type SamStatus = { sw3: number; name: SamStatusName; category: SamStatusCategory; text: string };

const TABLE: ReadonlyMap<number, Omit<SamStatus, 'sw3'>> = new Map([
  [0x90, { name: 'ok', category: 'success', text: '操作成功' }],
  [0x91, { name: 'noContent', category: 'success', text: '证/卡中此项无内容' }],
  [0x9f, { name: 'findOk', category: 'success', text: '寻找证/卡成功' }],
  [0x10, { name: 'hostChecksumError', category: 'host', text: '接收业务终端数据的校验和错' }],
  [0x11, { name: 'hostLengthError', category: 'host', text: '接收业务终端数据的长度错' }],
  [0x21, { name: 'commandError', category: 'host', text: '接收业务终端的命令错误' }],
  [0x23, { name: 'notPermitted', category: 'host', text: '越权操作' }],
  [0x24, { name: 'unrecognisedError', category: 'host', text: '无法识别的错误' }],
  [0x31, { name: 'cardAuthenticatesSamFailed', category: 'card', text: '证/卡认证SAM_V失败' }],
  [0x32, { name: 'samAuthenticatesCardFailed', category: 'card', text: 'SAM_V认证证/卡失败' }],
  [0x33, { name: 'verificationError', category: 'card', text: '信息验证错误' }],
  [0x40, { name: 'unknownCardType', category: 'card', text: '无法识别的卡类型' }],
  [0x41, { name: 'readFailed', category: 'card', text: '读证/卡操作失败' }],
  [0x47, { name: 'randomNumberFailed', category: 'card', text: '取随机数失败' }],
  [0x60, { name: 'samSelfTestFailed', category: 'sam', text: 'SAM_V自检失败，不能接收命令' }],
  [0x66, { name: 'samNotAuthorised', category: 'sam', text: 'SAM_V没经过授权，无法使用' }],
  [0x80, { name: 'noCard', category: 'noCard', text: '寻找证/卡失败' }],
  [0x81, { name: 'selectFailed', category: 'card', text: '选取证/卡失败' }],
] as const);

/** Every SW3 maps to a typed status; codes outside §1.4 become `unknownStatus`, never an exception. */
export function samStatus(sw3: number): SamStatus {
  const known = TABLE.get(sw3);
  if (known) return { sw3, ...known };
  return { sw3, name: 'unknownStatus', category: 'unknown', text: `未知状态 0x${hex(sw3)}` };
}

export const SAM_STATUS_CODES: readonly number[] = [...TABLE.keys()];

const hex = (n: number) => n.toString(16).padStart(2, '0').toUpperCase();
