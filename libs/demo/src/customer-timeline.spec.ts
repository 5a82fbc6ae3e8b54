import { checkDigit, MODELS } from './catalogue';
import { Action, CustomerTimeline, DAY } from './customer-timeline';
import { Rng } from './prng';

const WINDOW = { start: Date.parse('2023-11-01T00:00:00Z'), end: Date.parse('2026-11-01T00:00:00Z') };

function drain(t: CustomerTimeline): Action[] {
  const out: Action[] = [];
  for (let a = t.next(Infinity); a; a = t.next(Infinity)) out.push(a);
  return out;
}

describe('demo customer timeline', () => {
  it('is deterministic by seed and customer number, and differs across seeds', () => {
    const a = drain(new CustomerTimeline('s1', 7, 0, WINDOW, 5));
    const b = drain(new CustomerTimeline('s1', 7, 0, WINDOW, 5));
    const c = drain(new CustomerTimeline('s2', 7, 0, WINDOW, 5));
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(1);
    expect(JSON.stringify(c)).not.toEqual(JSON.stringify(a));
  });

  it('starts with the registration, keeps time order and stays inside the window', () => {
    for (let n = 0; n < 200; n++) {
      const actions = drain(new CustomerTimeline('order', n, n % 3, WINDOW, 5));
      expect(actions[0].kind).toBe('register');
      for (let i = 1; i < actions.length; i++) expect(actions[i].at).toBeGreaterThanOrEqual(actions[i - 1].at);
      for (const a of actions) expect(a.at).toBeLessThan(WINDOW.end);
    }
  });

  it('makes VINs that pass the ISO 3779 check digit (R-CF VIN checks) with a known manufacturer prefix', () => {
    const wmis = new Set(MODELS.map((m) => m.wmi));
    for (let n = 0; n < 500; n++) {
      const t = new CustomerTimeline('vin', n, 0, WINDOW, 5);
      for (const v of t.vehicles) {
        expect(v.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
        expect(v.vin[8]).toBe(checkDigit(v.vin));
        expect(wmis.has(v.vin.slice(0, 3))).toBe(true);
      }
    }
  });

  it('plans maintenance after the model interval (km or months, whichever first) with drift, and odometers never go backwards', () => {
    const ratios: number[] = [];
    for (let n = 0; n < 400; n++) {
      const t = new CustomerTimeline('service', n, 0, WINDOW, 5);
      const visits = drain(t).filter((a): a is Extract<Action, { kind: 'visit' }> => a.kind === 'visit');
      t.vehicles.forEach((v, vehicle) => {
        const mine = visits.filter((x) => x.vehicle === vehicle);
        for (let i = 1; i < mine.length; i++) expect(mine[i].km).toBeGreaterThanOrEqual(mine[i - 1].km);
        const services = mine.filter((x) => x.type === 'periodic_maintenance');
        for (let i = 1; i < services.length; i++) {
          const expectedDays = Math.min(v.model.serviceKm / v.kmPerDay, v.model.serviceMonths * 30.44);
          ratios.push((services[i].at - services[i - 1].at) / DAY / expectedDays);
        }
      });
    }
    ratios.sort((x, y) => x - y);
    const median = ratios[Math.floor(ratios.length / 2)];
    expect(ratios.length).toBeGreaterThan(100);
    expect(median).toBeGreaterThan(0.85);
    expect(median).toBeLessThan(1.3);
    // Lapses: some customers come months late.
    expect(ratios.filter((r) => r > 1.5).length).toBeGreaterThan(0);
  });

  it('works complaints through their steps in order, with the root-cause mix', () => {
    const causes: Record<string, number> = {};
    let complaints = 0;
    for (let n = 0; n < 3000; n++) {
      const steps = drain(new CustomerTimeline('complaints', n, 0, WINDOW, 5)).filter((a): a is Extract<Action, { kind: 'complaint' }> => a.kind === 'complaint');
      const byComplaint = new Map<number, string[]>();
      for (const s of steps) byComplaint.set(s.complaint, [...(byComplaint.get(s.complaint) ?? []), s.step]);
      for (const [, kinds] of byComplaint) {
        if (kinds[0] !== 'receive' || kinds.at(-1) !== 'close') continue; // cut by the window's end
        complaints++;
        expect(kinds.indexOf('acknowledge')).toBe(1);
        expect(kinds.indexOf('investigate')).toBeLessThan(kinds.indexOf('propose'));
        expect(kinds.indexOf('accept')).toBeLessThan(kinds.indexOf('resolve'));
      }
      for (const s of steps) if (s.step === 'investigate') causes[s.data.rootCause as string] = (causes[s.data.rootCause as string] ?? 0) + 1;
    }
    expect(complaints).toBeGreaterThan(50);
    expect(Object.keys(causes).sort()).toEqual(['customer_expectation', 'miscommunication', 'product_quality', 'service_process']);
    expect(causes.product_quality).toBeGreaterThan(causes.customer_expectation);
  });
});

describe('demo Rng', () => {
  it('is reproducible and roughly uniform', () => {
    const a = new Rng('x', 1);
    const b = new Rng('x', 1);
    const xs = Array.from({ length: 10_000 }, () => a.float());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.float()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
