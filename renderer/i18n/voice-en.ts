import type { VoiceKey } from './voice-zh-CN';

export const voiceEn: Record<VoiceKey, string> = {
  'reminder.card': 'Please remember to take your card.',
  'reminder.document': 'Please take your printed document.',
  'reminder.ticket': 'Please take your ticket.',
};
