// Strings of the identification and certificate screens (证件识别, 户籍证明, 婚育情况证明). Kept
// apart from zh-CN.ts like the catalogue's: Chinese is the source of the key set,
// certificates-en.ts must provide exactly these keys, with the same `{name}` placeholders.
export const certificatesZhCN = {
  'identify.prompt': '请放身份证或插社保卡',
  'identify.purpose.certificates': '打印证明前，需要先核实您的身份。',
  'identify.purpose.progress': '查询办理进度前，需要先核实您的身份。',
  'identify.purpose.results': '查询办理结果前，需要先核实您的身份。',
  'identify.idCard.title': '放身份证',
  'identify.idCard.how': '把身份证平放在读卡区上，读完前不要移动。',
  'identify.ssCard.title': '插社保卡',
  'identify.ssCard.how': '芯片朝里，把社保卡插进读卡口。',
  'identify.status.ready': '读卡器已准备好，正在等待您的证件。',
  'identify.status.idOnly': '社保卡读卡器暂时不能使用，请放身份证。',
  'identify.status.ssOnly': '身份证读卡器暂时不能使用，请插社保卡。',
  'identify.status.starting': '正在检查读卡器，请稍候。',
  'identify.timeout.title': '没有检测到证件',
  'identify.timeout.next': '请按图示放好身份证或插好社保卡，然后点“再试一次”。',
  'identify.retry': '再试一次',
  'identify.removeCard': '请先取出这张卡，再换一张证件。',
  'identify.done': '身份已核实：{name}',

  'identity.label': '办理人',
  'identity.value': '{name}，证件号 {number}',

  'choose.prompt': '请选择要打印的证明',
  'type.household': '户籍证明',
  'type.household.desc': '证明您的户籍登记情况',
  'type.family-planning': '婚育情况证明（计生证明）',
  'type.family-planning.desc': '证明您的婚姻和生育情况',
  'choose.printed': '本次已打印',
  'printer.unavailable': '打印机暂时不能打印。证明可以先预览，打印机恢复后再打印，或请工作人员帮助。',

  'loading': '正在生成{type}，请稍候。',
  'loading.slow': '正在向政务服务平台查询您的登记信息，需要多一点时间，请稍候。',

  'preview.prompt': '请核对{type}',
  'preview.number': '证明编号：{number}',
  'preview.hint': '请核对姓名、证件号码和内容，无误后点“打印”。',
  'preview.alt': '{type}预览，第 {page} 页，共 {pages} 页',
  'preview.loading': '正在显示预览，请稍候。',
  'preview.failed': '预览暂时显示不出来，证明本身没有问题，可以直接打印。',
  'preview.print': '打印',
  'preview.back': '返回选择',
  'preview.printed': '这份证明在本次办理中已经打印过，不能重复打印。',

  'printing.prompt': '正在打印{type}，请稍候',
  'printing.slow': '打印机正在工作，证明打印需要一点时间，请不要离开。',

  'done.prompt': '请取走您的证明',
  'done.body': '证明已从出纸口打印出来。',
  'done.number': '证明编号：{number}',
  'done.code': '核验码：{code}',
  'done.codeHint': '收件单位可以扫描证明上的二维码，或凭证明编号和核验码核验真伪。',
  'done.takeCard': '请取回您的卡片。',
  'done.autoFinish': '取回卡片后，本次办理会自动结束。',
  'done.another': '打印另一份证明',
  'done.finish': '完成，结束办理',

  'printFailed.prompt': '证明还没有打印完成',
  'printFailed.auto': '打印机恢复后会自动继续打印，证明编号不变。',
  'printFailed.retry': '继续打印',
  'printFailed.keptPrompt': '打印机缺纸，请稍候',
  'printFailed.kept': '您的证明已经开始打印，加纸后打印机会接着打完，证明编号不变。',
  'printFailed.wait': '自助机已向工作人员报告缺纸。请在这里稍候，加纸后会自动继续打印。',
  'printFailed.unsure': '自助机没能确认是否已经打印，请先看看出纸口。',

  'issueFailed.prompt': '暂时无法生成证明',
  'issueFailed.choose': '选择其他证明',

  'removed.prompt': '卡片已被取走',
  'removed.body': '为保护您的信息，证明内容已经隐藏。',
  'removed.next': '请重新放入同一张卡片继续办理，或返回首页结束办理。',

  'cardProblem.dismiss': '知道了',
} as const;

export type CertificatesKey = keyof typeof certificatesZhCN;
