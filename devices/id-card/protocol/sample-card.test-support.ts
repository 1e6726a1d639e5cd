import type { IdCardData } from './types';

// Synthetic cards for unit tests (devices/ may not import fixtures/). The numbers belong to nobody.
export const SAMPLE_CARD: IdCardData = {
  name: '张三',
  gender: '1',
  nation: '01',
  birth: '20000101',
  address: '广州市天河区天河路1号',
  idNumber: '440106200001010000',
  issuer: '广州市公安局天河分局',
  validFrom: '20200101',
  validTo: '长期',
};

export const LONG_NAME_CARD: IdCardData = {
  name: '阿卜杜热合曼·买买提艾力',
  gender: '2',
  nation: '05',
  birth: '19491231',
  address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路一百二十三号院五号楼',
  idNumber: '11010519491231002X',
  issuer: '乌鲁木齐市公安局天山区分局',
  validFrom: '20150301',
  validTo: '20350301',
};
