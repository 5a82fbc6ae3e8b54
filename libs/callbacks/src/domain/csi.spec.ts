import { weightedCsi } from './csi';

describe('the satisfaction index', () => {
  it('weighs the 7 factors 16/10/11/12/21/15/15 on a 0–100 scale', () => {
    const all = (score: number) => ({
      customer_friendliness: score, service_initiative: score, service_supervision: score, repair_process_experience: score,
      product_problems: score, service_quality: score, vehicle_pickup: score,
    });
    expect(weightedCsi(all(10))).toBe(100);
    expect(weightedCsi({ ...all(10), product_problems: 0 })).toBe(79);
  });

  it('renormalises over the factors a customer scored', () => {
    expect(weightedCsi({ customer_friendliness: 8, product_problems: 6 })).toBe(Math.round(((16 * 8 + 21 * 6) / 37) * 10 * 100) / 100);
    expect(weightedCsi({})).toBeNull();
  });
});
