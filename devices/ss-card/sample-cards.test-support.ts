import type { SsCardData } from './apdu/types';

// Synthetic card for unit tests (devices/ may not import fixtures/). The number belongs to nobody.
export const SAMPLE_SS_CARD: SsCardData = {
  cardNumber: 'A00000009',
  version: '3.00',
  issueDate: '20200101',
  expiryDate: '20300101',
  ssn: '440106200001010000',
  name: '张三',
  gender: '1',
  nation: '01',
  birthPlace: '440106',
  birth: '20000101',
};
