// What the kiosk says (and shows nowhere else) for the "take it with you" reminders
// (renderer/voice/take-reminder.ts). Chinese is the source of the key set; voice-en.ts must
// provide exactly these keys. Fixed phrases only: the build records them (scripts/voice/).
export const voiceZhCN = {
  'reminder.card': '请记得取回您的卡片。',
  'reminder.document': '请取走打印好的材料。',
  'reminder.ticket': '请取走您的凭条。',
};

export type VoiceKey = keyof typeof voiceZhCN;
