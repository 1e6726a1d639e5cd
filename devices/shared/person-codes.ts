// Code tables both card readers decode: gender (GB/T 2261.1, DEVICES.md §1.7) and nation
// (GB 3304, §1.9; 46 is 德昂, not hev's misspelt 德昴).

export type GenderCode = '0' | '1' | '2' | '9';

const GENDERS: Record<GenderCode, string> = { '0': '未知', '1': '男', '2': '女', '9': '未说明' };

export const isGenderCode = (code: string): code is GenderCode => Object.hasOwn(GENDERS, code);

export const genderText = (code: GenderCode): string => GENDERS[code];

const NATIONS: readonly string[] = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜',
  '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米',
  '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
];

/** `'01'` → `'汉'`, `'97'` → `'其他'`; undefined for a code outside GB 3304. */
export function nationText(code: string): string | undefined {
  if (code === '97') return '其他';
  if (code === '98') return '外国血统中国籍人士';
  if (!/^\d{2}$/.test(code)) return undefined;
  return NATIONS[Number(code) - 1];
}
