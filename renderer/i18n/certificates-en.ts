import type { CertificatesKey } from './certificates-zh-CN';

// English strings of the identification and certificate screens: exactly the keys of
// certificates-zh-CN.ts, with the same placeholders (certificates-text.test.ts checks both).
export const certificatesEn: Record<CertificatesKey, string> = {
  'identify.prompt': 'Place your ID card or insert your social security card',
  'identify.purpose.certificates': 'Before printing a certificate, we need to confirm who you are.',
  'identify.purpose.progress': 'Before showing your application progress, we need to confirm who you are.',
  'identify.purpose.results': 'Before showing your results, we need to confirm who you are.',
  'identify.idCard.title': 'ID card',
  'identify.idCard.how': 'Lay your ID card flat on the reader and keep it still until it is read.',
  'identify.ssCard.title': 'Social security card',
  'identify.ssCard.how': 'Insert your social security card into the slot, chip first.',
  'identify.status.ready': 'The card readers are ready and waiting for your card.',
  'identify.status.idOnly': 'The social security card reader is not working right now. Please use your ID card.',
  'identify.status.ssOnly': 'The ID card reader is not working right now. Please use your social security card.',
  'identify.status.starting': 'Checking the card readers, please wait.',
  'identify.timeout.title': 'No card was found',
  'identify.timeout.next': 'Place your ID card or insert your social security card as shown, then tap "Try again".',
  'identify.retry': 'Try again',
  'identify.removeCard': 'Please take this card out first, then use another card.',
  'identify.done': 'Identity confirmed: {name}',

  'identity.label': 'Resident',
  'identity.value': '{name}, ID {number}',

  'choose.prompt': 'Which certificate do you want to print?',
  'type.household': 'Household registration certificate',
  'type.household.desc': 'Proves where your household is registered',
  'type.family-planning': 'Marriage and childbirth certificate (family planning)',
  'type.family-planning.desc': 'Proves your marital status and children',
  'choose.printed': 'Printed this visit',
  'printer.unavailable': 'The printer cannot print right now. You can still preview a certificate and print it once the printer is back, or ask a member of staff.',

  'loading': 'Preparing your {type}, please wait.',
  'loading.slow': 'Looking up your registration with the government service platform. This takes a little longer, please wait.',

  'preview.prompt': 'Please check your {type}',
  'preview.number': 'Certificate number: {number}',
  'preview.hint': 'Check your name, ID number and the details, then tap "Print".',
  'preview.alt': 'Preview of the {type}, page {page} of {pages}',
  'preview.loading': 'Showing the preview, please wait.',
  'preview.failed': 'The preview cannot be shown right now. The certificate itself is fine and can be printed.',
  'preview.print': 'Print',
  'preview.back': 'Choose another',
  'preview.printed': 'This certificate has already been printed during this visit and cannot be printed again.',

  'printing.prompt': 'Printing your {type}, please wait',
  'printing.slow': 'The printer is working. Printing a certificate takes a little while, please stay here.',

  'done.prompt': 'Please take your certificate',
  'done.body': 'Your certificate has been printed. Take it from the paper tray.',
  'done.number': 'Certificate number: {number}',
  'done.code': 'Verification code: {code}',
  'done.codeHint': 'Whoever receives it can check it is genuine by scanning its QR code, or with the certificate number and this code.',
  'done.takeCard': 'Please take your card back.',
  'done.autoFinish': 'Once you take your card, your visit ends by itself.',
  'done.another': 'Print another certificate',
  'done.finish': 'Done, end my visit',

  'printFailed.prompt': 'Your certificate has not finished printing',
  'printFailed.auto': 'Printing continues by itself once the printer is ready again, with the same certificate number.',
  'printFailed.retry': 'Continue printing',
  'printFailed.keptPrompt': 'The printer is out of paper, please wait',
  'printFailed.kept': 'Your certificate has started printing; once paper is added the printer finishes it, with the same certificate number.',
  'printFailed.wait': 'The kiosk has told staff that paper is needed. Please wait here: printing continues by itself once paper is added.',
  'printFailed.unsure': 'The kiosk could not confirm whether it was printed. Please look in the paper tray first.',

  'issueFailed.prompt': 'The certificate cannot be prepared right now',
  'issueFailed.choose': 'Choose another certificate',

  'removed.prompt': 'Your card was taken out',
  'removed.body': 'To protect your information, the certificate is hidden.',
  'removed.next': 'Put the same card back to carry on, or go back to the home screen to end your visit.',

  'cardProblem.dismiss': 'OK',
};
