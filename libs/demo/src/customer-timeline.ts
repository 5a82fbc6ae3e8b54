import { Rng } from './prng';
import { MODELS, ModelSpec, colour, insurer, makeVin, mobilePhone, personName, plate } from './catalogue';

/**
 * One customer's life at a dealer, as a lazily unfolding list of dated actions:
 * registration, vehicles, service visits that follow the model's real interval
 * (whichever of km or months comes first) with drift and lapses, appointments
 * kept and missed, unplanned repairs, and complaints worked through their steps.
 * Pure and seeded: the same (seed, customer number, window) always unfolds the
 * same way, whatever order the generator runs customers in.
 */
export const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Dealers open 09:00–18:00 China time = 01:00–10:00 UTC. */
const OPEN_UTC_HOUR = 1;
const OPEN_HOURS = 9;

export type VisitKind =
  | 'first_service' | 'periodic_maintenance' | 'warranty' | 'minor_repair' | 'major_repair'
  | 'accident_repair' | 'bodywork_paid' | 'accessories' | 'roadside_rescue';

/** Unplanned visits per vehicle-year (a dealer's usual mix). */
const REPAIR_RATES: Record<Exclude<VisitKind, 'first_service' | 'periodic_maintenance'>, number> = {
  minor_repair: 0.35, warranty: 0.2, accessories: 0.1, accident_repair: 0.06, major_repair: 0.05, bodywork_paid: 0.05, roadside_rescue: 0.03,
};
const REPAIR_AMOUNT: Record<VisitKind, [number, number]> = {
  first_service: [0, 0], periodic_maintenance: [400, 1_600], warranty: [0, 0], minor_repair: [150, 1_200], major_repair: [2_500, 18_000],
  accident_repair: [1_500, 30_000], bodywork_paid: [600, 4_000], accessories: [200, 3_000], roadside_rescue: [100, 600],
};

export const ROOT_CAUSE_MIX = { product_quality: 35, service_process: 30, miscommunication: 20, customer_expectation: 15 } as const;
const PARTY_OF: Record<keyof typeof ROOT_CAUSE_MIX, string[]> = {
  product_quality: ['oem', 'oem', 'third_party'], service_process: ['dealer'], miscommunication: ['dealer', 'dealer', 'customer'], customer_expectation: ['customer'],
};
const SUBJECT_OF: Record<keyof typeof ROOT_CAUSE_MIX, string[]> = {
  product_quality: ['product_quality', 'repair_quality'], service_process: ['repair_quality', 'waiting_time', 'service_reception'],
  miscommunication: ['price', 'service_reception', 'staff_attitude'], customer_expectation: ['price', 'waiting_time', 'parts'],
};

/** Goodwill compensation (R-GC-1…3): the application and the chain of libs/claims' step table, then the settlement. */
export const CLAIM_CHAIN = ['apply', 'oem_after_sales', 'regional_service_manager', 'oem_general_manager', 'product_liability', 'oem_leadership', 'settle'] as const;
export type ClaimStepKind = (typeof CLAIM_CHAIN)[number];

export type ComplaintStepKind = 'receive' | 'acknowledge' | 'interim_reply' | 'investigate' | 'propose' | 'reject' | 'accept' | 'resolve' | 'close';

export type Action =
  | { kind: 'register'; at: number }
  | { kind: 'vehicle'; at: number; vehicle: number }
  | { kind: 'book'; at: number; appointment: number; scheduledFor: number; purpose: string }
  | { kind: 'outcome'; at: number; appointment: number; kept: boolean; excuse: string | null }
  | { kind: 'visit'; at: number; vehicle: number; km: number; type: VisitKind; amount: number; advisor: number }
  | { kind: 'complaint'; at: number; complaint: number; step: ComplaintStepKind; data: Record<string, unknown> }
  | { kind: 'claim'; at: number; complaint: number; step: ClaimStepKind; data: Record<string, unknown> }
  | { kind: 'enrol'; at: number }
  | { kind: 'redeem'; at: number; points: number; reward: string };

export interface VehiclePlan {
  vin: string;
  model: ModelSpec;
  plate: string;
  colour: string;
  modelYear: number;
  deliveredAt: number;
  purchaseDate: number;
  insurer: string;
  insuranceExpiry: number;
  kmPerDay: number;
  /** Next maintenance reference: the last service's time and odometer. */
  lastServiceAt: number;
  lastServiceKm: number;
  firstServiceDone: boolean;
  lastKm: number;
  lastKmAt: number;
}

export interface Window {
  start: number;
  end: number;
}

export class CustomerTimeline {
  readonly rng: Rng;
  readonly name: string;
  readonly phone: string;
  readonly gender: 'male' | 'female';
  readonly birthDate: string | null;
  readonly usualAdvisor: number;
  readonly vehicles: VehiclePlan[] = [];
  /** After this instant the customer no longer comes (churn); Infinity if loyal. */
  readonly lapsesAt: number;
  /** Punctuality: sd of the drift around the due date, in days. */
  private readonly driftDays: number;
  private readonly pending: Action[] = [];
  /** When the customer joins the owners' club (Infinity: never). */
  readonly enrolsAt: number;
  private appointments = 0;
  private complaints = 0;

  constructor(
    readonly seed: string,
    readonly customerNo: number,
    readonly dealerNo: number,
    readonly window: Window,
    private readonly advisorsPerDealer: number,
  ) {
    const rng = (this.rng = new Rng(seed, 'customer', customerNo));
    this.name = personName(rng);
    this.phone = mobilePhone(rng);
    this.gender = rng.chance(0.62) ? 'male' : 'female';
    this.birthDate = rng.chance(0.7) ? new Date(Date.UTC(rng.int(1960, 2002), rng.int(0, 11), rng.int(1, 28))).toISOString().slice(0, 10) : null;
    this.usualAdvisor = rng.int(0, advisorsPerDealer - 1);
    this.driftDays = rng.pick([3, 7, 14, 21]);
    const span = window.end - window.start;
    // 40 % were already customers when the window opens (their cars are older);
    // the others buy a car during it.
    const existing = rng.chance(0.4);
    const registeredAt = existing ? window.start + rng.float() * Math.min(span, 60 * DAY) : window.start + rng.float() * span;
    this.lapsesAt = rng.chance(0.22) ? registeredAt + rng.float() * (window.end - registeredAt) : Infinity;
    const at = businessTime(rng, registeredAt);
    this.push({ kind: 'register', at });
    // Club members: about half the customers join, within three months of registering.
    this.enrolsAt = rng.chance(0.45) ? businessTime(rng, at + rng.int(0, 90) * DAY) + HOUR : Infinity;
    if (Number.isFinite(this.enrolsAt)) this.push({ kind: 'enrol', at: this.enrolsAt });
    const delivered = existing ? at - rng.int(30, 4 * 365) * DAY : at;
    this.addVehicle(delivered, at + rng.int(0, 2) * HOUR);
    if (rng.chance(0.12)) {
      const second = at + rng.float() * (window.end - at);
      if (second < window.end - DAY) this.addVehicle(businessTime(rng, second), businessTime(rng, second) + HOUR);
    }
  }

  /** The next action at or before `until`, removed from the plan (follow-ups are planned as it is taken). */
  next(until: number): Action | null {
    const head = this.pending[0];
    if (!head || head.at > until) return null;
    this.pending.shift();
    if (head.kind === 'visit') {
      // The odometer as of now: visits planned earlier may have been overtaken by others.
      const v = this.vehicles[head.vehicle];
      head.km = Math.max(this.kmAt(v, head.at), v.lastKm);
    }
    this.followUps(head);
    return head;
  }

  peekAt(): number {
    return this.pending.length ? this.pending[0].at : Infinity;
  }

  private push(action: Action): void {
    if (action.at >= this.window.end) return;
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1].at > action.at) i--;
    this.pending.splice(i, 0, action);
  }

  private addVehicle(deliveredAt: number, registeredAt: number): void {
    const rng = this.rng;
    const model = rng.pick(MODELS);
    const deliveredYear = new Date(deliveredAt).getUTCFullYear();
    const modelYear = rng.chance(0.7) ? deliveredYear : deliveredYear - 1;
    const index = this.vehicles.length;
    const vehicle: VehiclePlan = {
      vin: makeVin(rng, model, modelYear, this.customerNo * 4 + index),
      model, plate: plate(rng, this.dealerNo), colour: colour(rng), modelYear,
      deliveredAt, purchaseDate: deliveredAt - rng.int(3, 20) * DAY, insurer: insurer(rng),
      insuranceExpiry: 0, kmPerDay: Math.max(8, rng.logNormal(38, 0.45)),
      lastServiceAt: deliveredAt, lastServiceKm: 0, firstServiceDone: false, lastKm: 0, lastKmAt: deliveredAt,
    };
    // Insurance is renewed yearly on the delivery date.
    let expiry = deliveredAt + 365 * DAY;
    while (expiry < registeredAt) expiry += 365 * DAY;
    vehicle.insuranceExpiry = expiry;
    // An older car comes with its service history: pretend its last service was recent.
    const ageDays = (registeredAt - deliveredAt) / DAY;
    if (ageDays > 200) {
      vehicle.firstServiceDone = true;
      vehicle.lastServiceAt = registeredAt - rng.int(10, 200) * DAY;
      vehicle.lastServiceKm = Math.round(vehicle.kmPerDay * (vehicle.lastServiceAt - deliveredAt) / DAY);
      vehicle.lastKm = vehicle.lastServiceKm;
      vehicle.lastKmAt = vehicle.lastServiceAt;
    }
    this.vehicles.push(vehicle);
    this.push({ kind: 'vehicle', at: registeredAt, vehicle: index });
  }

  private followUps(action: Action): void {
    const rng = this.rng;
    switch (action.kind) {
      case 'vehicle':
        this.planService(action.vehicle, action.at);
        this.planRepair(action.vehicle, action.at);
        return;
      case 'book':
        this.push({
          kind: 'outcome', at: action.scheduledFor + HOUR / 2, appointment: action.appointment, kept: rng.chance(0.86),
          excuse: null,
        });
        return;
      case 'outcome': {
        const kept = action.kept;
        if (!kept) action.excuse = rng.pick(['forgot', 'no time, will call back', 'car in use', null]);
        const pendingVisit = this.pending.find((a) => a.kind === 'visit' && a.at === action.at + HOUR / 2);
        if (!kept && pendingVisit && pendingVisit.kind === 'visit') {
          // A missed appointment: the visit comes later, or not this time.
          this.pending.splice(this.pending.indexOf(pendingVisit), 1);
          if (rng.chance(0.6)) this.push({ ...pendingVisit, at: businessTime(rng, pendingVisit.at + rng.int(3, 15) * DAY) });
          else this.planService(pendingVisit.vehicle, pendingVisit.at);
        }
        return;
      }
      case 'visit': {
        const v = this.vehicles[action.vehicle];
        v.lastKm = action.km;
        v.lastKmAt = action.at;
        if (action.type === 'first_service' || action.type === 'periodic_maintenance') {
          v.lastServiceAt = action.at;
          v.lastServiceKm = action.km;
          v.firstServiceDone = true;
          this.planService(action.vehicle, action.at);
        } else if (action.type !== 'accessories') {
          this.planRepair(action.vehicle, action.at);
        }
        // Members earn points on paid visits (the membership context's reaction); some redeem a few weeks later.
        if (action.at > this.enrolsAt && action.amount > 0 && rng.chance(0.3)) {
          this.push({ kind: 'redeem', at: businessTime(rng, action.at + rng.int(7, 45) * DAY), points: rng.pick([100, 200, 300, 500]), reward: rng.pick(REWARDS) });
        }
        const p = action.type === 'major_repair' || action.type === 'accident_repair' ? 0.07 : action.type === 'periodic_maintenance' ? 0.02 : 0.025;
        if (rng.chance(p)) this.planComplaint(action);
        return;
      }
      default:
        return;
    }
  }

  private kmAt(v: VehiclePlan, at: number): number {
    return Math.round(v.lastKm + (v.kmPerDay * (at - v.lastKmAt)) / DAY);
  }

  /** The next maintenance visit: whichever of the km or months interval comes first, with drift and lapses. */
  private planService(vehicleNo: number, after: number): void {
    const rng = this.rng;
    const v = this.vehicles[vehicleNo];
    const km = v.firstServiceDone ? v.model.serviceKm : v.model.firstServiceKm;
    const months = v.firstServiceDone ? v.model.serviceMonths : v.model.firstServiceMonths;
    const byKm = v.lastServiceAt + ((km - 0) / v.kmPerDay) * DAY;
    const byMonths = v.lastServiceAt + months * 30.44 * DAY;
    let due = Math.min(byKm, byMonths);
    due += rng.normal(0, this.driftDays) * DAY;
    if (rng.chance(0.12)) due += rng.int(30, 150) * DAY; // a lapse: the reminder is ignored for a while
    due = Math.max(due, after + 7 * DAY);
    if (due >= this.lapsesAt || due >= this.window.end) return;
    const at = businessTime(rng, due);
    const visit: Action = {
      kind: 'visit', at, vehicle: vehicleNo, km: 0, type: v.firstServiceDone ? 'periodic_maintenance' : 'first_service', amount: 0,
      advisor: this.advisor(),
    };
    visit.km = this.kmAt(v, at);
    visit.amount = visit.type === 'first_service' ? 0 : Math.round(v.model.serviceAmount * (0.8 + rng.float() * 0.6));
    if (rng.chance(0.55)) {
      // Booked ahead: the visit happens at the appointment (moved if it is missed).
      const appointment = this.appointments++;
      const bookedAt = businessTime(rng, at - rng.int(2, 10) * DAY);
      if (bookedAt > after) {
        this.push({ kind: 'book', at: bookedAt, appointment, scheduledFor: at - HOUR, purpose: visit.type === 'first_service' ? 'first service' : 'maintenance' });
        visit.at = at;
      }
    }
    this.push(visit);
  }

  /** Unplanned visits: a Poisson process over the repair mix. */
  private planRepair(vehicleNo: number, after: number): void {
    const rng = this.rng;
    const v = this.vehicles[vehicleNo];
    const total = Object.values(REPAIR_RATES).reduce((s, r) => s + r, 0);
    const waitDays = (-Math.log(1 - rng.float()) / total) * 365;
    const when = after + Math.max(1, waitDays) * DAY;
    if (when >= this.lapsesAt || when >= this.window.end) return;
    let type = rng.weighted(REPAIR_RATES) as VisitKind;
    const inWarranty = when < v.deliveredAt + v.model.warrantyMonths * 30.44 * DAY;
    if (type === 'warranty' && !inWarranty) type = 'minor_repair';
    const at = businessTime(rng, when);
    const [lo, hi] = REPAIR_AMOUNT[type];
    this.push({ kind: 'visit', at, vehicle: vehicleNo, km: this.kmAt(v, at), type, amount: Math.round(lo + rng.float() * (hi - lo)), advisor: this.advisor() });
  }

  private advisor(): number {
    return this.rng.chance(0.8) ? this.usualAdvisor : this.rng.int(0, this.advisorsPerDealer - 1);
  }

  /**
   * A goodwill compensation claim for a major complaint: the service director
   * applies for the direct costs, the OEM signs off step by step (a few days
   * each, 8 % rejected somewhere along the chain), product liability settles.
   */
  private planClaim(complaint: number, investigatedAt: number): void {
    const rng = this.rng;
    const breakdown = CLAIM_LINES.filter((_, i) => i === 0 || rng.chance(0.5)).map((l) => ({ kind: l.kind, description: l.description, amount: rng.int(l.range[0] / 50, l.range[1] / 50) * 50 }));
    const amount = breakdown.reduce((s, l) => s + l.amount, 0);
    const rejectAt = rng.chance(0.08) ? rng.int(1, 5) : -1;
    let t = investigatedAt + rng.int(4, 48) * HOUR;
    for (const [i, step] of CLAIM_CHAIN.entries()) {
      if (i > 0) t += rng.int(8, 96) * HOUR;
      const data = step === 'apply' ? { amount, currency: 'CNY', breakdown } : step === 'settle' ? { amount: rng.chance(0.8) ? amount : Math.round(amount * 0.8) } : { decision: i === rejectAt ? 'reject' : 'approve' };
      this.push({ kind: 'claim', at: t, complaint, step, data });
      if (i === rejectAt) return;
    }
  }

  /**
   * A complaint about a visit, worked through R-CP-1…6: acknowledged with a
   * reply-by date (mostly the same day), an interim reply when it runs past 3
   * days (R-CP-2), investigated with a root cause, a solution (sometimes a second
   * after a rejection), resolution and closing after the follow-up call.
   */
  private planComplaint(visit: Extract<Action, { kind: 'visit' }>): void {
    const rng = this.rng;
    const complaint = this.complaints++;
    const rootCause = rng.weighted(ROOT_CAUSE_MIX);
    const severity = rng.chance(0.1) ? 'major' : 'normal';
    let t = visit.at + rng.int(2, 96) * HOUR;
    const step = (kind: ComplaintStepKind, data: Record<string, unknown>, gapHours: [number, number]) => {
      t += rng.int(gapHours[0], gapHours[1]) * HOUR + rng.int(0, 59) * 60_000;
      this.push({ kind: 'complaint', at: t, complaint, step: kind, data });
    };
    const vehicle = this.vehicles[visit.vehicle];
    step('receive', {
      vin: vehicle.vin, channel: rng.weighted({ phone: 40, wechat: 25, walk_in: 20, website: 8, email: 7 }), subject: rng.pick(SUBJECT_OF[rootCause]),
      severity, description: `After the ${visit.type.replace(/_/g, ' ')} on ${new Date(visit.at).toISOString().slice(0, 10)}: ${DESCRIPTIONS[rootCause]}`,
      expectedResolution: rng.pick(['a refund of the difference', 'repair it again free of charge', 'an apology and an explanation', 'a discount on the next service']),
    }, [0, 0]);
    const slow = rng.chance(0.12);
    step('acknowledge', { message: 'We are sorry; the customer service manager will call you.', replyByDays: rng.int(1, 3) }, slow ? [20, 40] : [0, 6]);
    step('investigate', { rootCause, responsibleParty: rng.pick(PARTY_OF[rootCause]), findings: FINDINGS[rootCause] }, slow ? [24, 70] : [1, 8]);
    if (severity === 'major' && rootCause !== 'customer_expectation') this.planClaim(complaint, t);
    if (slow) step('interim_reply', { message: 'The investigation goes on; we will call you with a proposal this week.' }, [0, 2]);
    const compensation = rootCause === 'customer_expectation' ? null : rng.chance(0.5) ? rng.int(2, 40) * 50 : null;
    step('propose', { description: 'Apologise, explain the cause and redo the work at our cost.', compensationAmount: compensation }, [1, 6]);
    if (rng.chance(0.15)) {
      step('reject', { solutionNo: 1, reason: 'the customer wants a larger discount' }, [2, 20]);
      step('propose', { description: 'Redo the work at our cost and discount the next service by 50 %.', compensationAmount: (compensation ?? 200) * 2 }, [1, 10]);
      step('accept', { solutionNo: 2 }, [1, 10]);
    } else {
      step('accept', { solutionNo: 1 }, [1, 10]);
    }
    step('resolve', { summary: 'Solution carried out; the customer confirmed.' }, [2, 12]);
    step('close', {}, [72, 120]);
  }
}

const CLAIM_LINES = [
  { kind: 'repair', description: 'the repeat repair at the dealer', range: [800, 6_000] },
  { kind: 'customer_loss', description: 'towing and a rental car while the car stood', range: [300, 2_500] },
] as const;

const REWARDS = ['car care kit', 'free car wash', 'oil change voucher', 'branded umbrella', 'interior cleaning'];

const DESCRIPTIONS: Record<keyof typeof ROOT_CAUSE_MIX, string> = {
  product_quality: 'the same noise came back within a week.',
  service_process: 'the car was not ready at the promised time and the wash was skipped.',
  miscommunication: 'the bill was higher than the quote given at reception.',
  customer_expectation: 'the customer expected the work to be covered by the warranty.',
};
const FINDINGS: Record<keyof typeof ROOT_CAUSE_MIX, string> = {
  product_quality: 'A known part defect; the supplier batch is under an OEM technical bulletin.',
  service_process: 'The workshop was overbooked; no final check before hand-over.',
  miscommunication: 'The advisor quoted labour without parts; the quote sheet was not signed.',
  customer_expectation: 'Wear parts are not covered by the warranty; this was not explained at sale.',
};

/** An instant inside opening hours on the day of `t` (or the next day if `t` is past closing). */
export function businessTime(rng: Rng, t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  const offset = (OPEN_UTC_HOUR + rng.float() * OPEN_HOURS) * HOUR;
  const candidate = day + offset;
  return Math.round(candidate >= t - 12 * HOUR ? candidate : candidate + DAY);
}
