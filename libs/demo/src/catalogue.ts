import type { Rng } from './prng';

/**
 * Plausible Chinese dealer-group data: names, phones, plates, models with their
 * service intervals, and VINs with a valid ISO 3779 / GB 16735 check digit.
 */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建国', '志强', '海燕', '晓东', '文博', '欣怡'];
const DEALER_CITIES = ['上海浦东', '北京朝阳', '广州天河', '深圳南山', '杭州西湖', '南京江宁', '成都武侯', '武汉江汉', '苏州园区', '天津河西', '重庆渝北', '西安雁塔', '长沙岳麓', '青岛崂山', '宁波鄞州', '厦门思明', '郑州金水', '济南历下', '合肥蜀山', '福州鼓楼'];
const REGIONS = ['east', 'north', 'south', 'west', 'central'] as const;
const PLATE_PREFIX = ['沪A', '沪B', '京A', '京N', '粤A', '粤B', '浙A', '苏A', '川A', '鄂A', '苏E', '津A', '渝A', '陕A', '湘A', '鲁B', '浙B', '闽D', '豫A', '鲁A'];
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const COLOURS = ['white', 'black', 'silver', 'grey', 'blue', 'red'];
const INSURERS = ['PICC', 'Ping An', 'CPIC', 'China Life P&C'];

export interface ModelSpec {
  name: string;
  /** World manufacturer identifier (VIN positions 1–3). */
  wmi: string;
  price: number;
  warrantyMonths: number;
  warrantyKm: number;
  /** Maintenance interval: whichever comes first. */
  serviceKm: number;
  serviceMonths: number;
  firstServiceKm: number;
  firstServiceMonths: number;
  /** Typical customer-paid maintenance bill (CNY). */
  serviceAmount: number;
}

export const MODELS: readonly ModelSpec[] = [
  { name: 'Lavida 1.5L', wmi: 'LSV', price: 109_900, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 7_500, serviceMonths: 12, firstServiceKm: 5_000, firstServiceMonths: 6, serviceAmount: 650 },
  { name: 'Tiguan L 330TSI', wmi: 'LSV', price: 219_900, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 10_000, serviceMonths: 12, firstServiceKm: 5_000, firstServiceMonths: 6, serviceAmount: 980 },
  { name: 'Sagitar 280TSI', wmi: 'LFV', price: 139_900, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 7_500, serviceMonths: 12, firstServiceKm: 5_000, firstServiceMonths: 6, serviceAmount: 720 },
  { name: 'Magotan 380TSI', wmi: 'LFV', price: 229_900, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 10_000, serviceMonths: 12, firstServiceKm: 5_000, firstServiceMonths: 6, serviceAmount: 1_150 },
  { name: 'Sylphy 1.6L', wmi: 'LGB', price: 99_800, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 5_000, serviceMonths: 6, firstServiceKm: 3_000, firstServiceMonths: 3, serviceAmount: 480 },
  { name: 'Accord 260TURBO', wmi: 'LHG', price: 179_800, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 5_000, serviceMonths: 6, firstServiceKm: 5_000, firstServiceMonths: 6, serviceAmount: 560 },
  { name: 'Focus 1.5L', wmi: 'LVS', price: 109_800, warrantyMonths: 36, warrantyKm: 100_000, serviceKm: 7_500, serviceMonths: 12, firstServiceKm: 5_000, firstServiceMonths: 6, serviceAmount: 600 },
];

const TRANSLITERATION: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
/** Model-year codes (VIN position 10): 2015 = F … 2030 = Y, skipping I O Q U Z. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

export function checkDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i];
    sum += (c >= '0' && c <= '9' ? Number(c) : TRANSLITERATION[c]) * WEIGHTS[i];
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/**
 * WMI + vehicle descriptor + check digit + model year + plant + a serial made
 * unique by the caller's sequence number (`serial` < 10^6).
 */
export function makeVin(rng: Rng, model: ModelSpec, modelYear: number, serial: number): string {
  let vds = '';
  for (let i = 0; i < 5; i++) vds += rng.pick(VIN_CHARS);
  const yearCode = YEAR_CODES[(modelYear - 2010 + 30) % 30];
  const plant = rng.pick(VIN_CHARS);
  const tail = String(serial % 1_000_000).padStart(6, '0');
  const draft = `${model.wmi}${vds}0${yearCode}${plant}${tail}`;
  return draft.slice(0, 8) + checkDigit(draft) + draft.slice(9);
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

export function mobilePhone(rng: Rng): string {
  return `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}

export function plate(rng: Rng, dealerNo: number): string {
  let tail = '';
  for (let i = 0; i < 5; i++) tail += rng.chance(0.7) ? String(rng.int(0, 9)) : rng.pick(PLATE_LETTERS);
  return PLATE_PREFIX[dealerNo % PLATE_PREFIX.length] + tail;
}

export function colour(rng: Rng): string {
  return rng.pick(COLOURS);
}

export function insurer(rng: Rng): string {
  return rng.pick(INSURERS);
}

export function dealerName(dealerNo: number): string {
  const city = DEALER_CITIES[dealerNo % DEALER_CITIES.length];
  const round = Math.floor(dealerNo / DEALER_CITIES.length);
  return `${city}${round ? ` ${round + 1}` : ''} 4S`;
}

export function dealerRegion(dealerNo: number): string {
  return REGIONS[dealerNo % REGIONS.length];
}

/** D01, D02, … */
export function dealerId(dealerNo: number): string {
  return `D${String(dealerNo + 1).padStart(2, '0')}`;
}
