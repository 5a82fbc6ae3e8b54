import type { Position } from '@aftercare/kernel';
import type { Collection, Doc, ReadStore } from '@aftercare/read-store';
import type { ProjectionDefinition } from './projection';

/** Where the runner keeps checkpoints, builds and which build serves each projection. */
export const PROJECTIONS_COLLECTION = '_projections';

/**
 * Physical name of a logical collection in one build: `complaint_details_v3` for
 * the first build of version 3, `complaint_details_v3_g2` for its second
 * explicit rebuild. The version is in the name so an operator reading the
 * database sees which code built it.
 */
export function physicalCollectionName(logical: string, version: number, generation: number): string {
  return generation === 0 ? `${logical}_v${version}` : `${logical}_v${version}_g${generation}`;
}

export function buildIdOf(name: string, version: number, generation: number): string {
  return `${name}@v${version}.g${generation}`;
}

/** A build's life: built beside the active one, then serving, then dropped. */
export type BuildState = 'building' | 'active' | 'retired';

/**
 * One build of one projection version ("generation"): its checkpoint and the
 * physical collections it writes. Builds are never deleted, so generation
 * numbers and their collection names are never reused.
 */
export interface ProjectionBuildDoc extends Doc {
  kind: 'build';
  name: string;
  version: number;
  generation: number;
  state: BuildState;
  /** Position of the last event applied (or parked); 0 before the first. */
  position: Position;
  /** Event types the build reads, so a process without the definition can measure lag. */
  types: string[];
  /** logical → physical */
  collections: Record<string, string>;
  eventsApplied: number;
  parkedCount: number;
  /** recordedAt of the last event applied. */
  lastEventAt: string | null;
  startedAt: string;
  updatedAt: string;
  /** First time the build reached the head of the log. */
  caughtUpAt: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
  /** The retired build's collections are gone. */
  dropped: boolean;
}

/**
 * The one document per projection naming the build that serves queries. It is
 * the switch of a blue-green rebuild: one single-document write, atomic on every
 * adapter, moves every logical collection at once.
 */
export interface ActiveProjectionDoc extends Doc {
  kind: 'active';
  name: string;
  version: number;
  generation: number;
  buildId: string;
  /** logical → physical, what ReadModels resolves queries with. */
  collections: Record<string, string>;
  switchedAt: string;
}

export type CheckpointFields = Pick<ProjectionBuildDoc, 'position' | 'eventsApplied' | 'lastEventAt' | 'updatedAt'> &
  Partial<Pick<ProjectionBuildDoc, 'parkedCount' | 'caughtUpAt'>>;

/** Reads and writes `_projections`; every method is one small query. */
export class ProjectionCatalog {
  private readonly docs: Collection<Doc>;

  constructor(readStore: ReadStore) {
    this.docs = readStore.collection(PROJECTIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.docs.createIndex({ fields: { kind: 1, name: 1 }, name: 'projections_by_kind_name' });
  }

  async active(name: string): Promise<ActiveProjectionDoc | null> {
    return (await this.docs.findOne({ _id: name, kind: 'active' })) as ActiveProjectionDoc | null;
  }

  async allActive(): Promise<ActiveProjectionDoc[]> {
    return (await this.docs.find({ kind: 'active' })) as ActiveProjectionDoc[];
  }

  async builds(name?: string): Promise<ProjectionBuildDoc[]> {
    const filter = name === undefined ? { kind: 'build' } : { kind: 'build', name };
    return (await this.docs.find(filter, { sort: { name: 1, version: 1, generation: 1 } })) as ProjectionBuildDoc[];
  }

  async build(id: string): Promise<ProjectionBuildDoc | null> {
    return (await this.docs.findOne({ _id: id, kind: 'build' })) as ProjectionBuildDoc | null;
  }

  /** The next unused generation of `version`, given every build of the projection. */
  static nextGeneration(builds: ProjectionBuildDoc[], version: number): number {
    let next = 0;
    for (const b of builds) if (b.version === version && b.generation >= next) next = b.generation + 1;
    return next;
  }

  async createBuild(definition: ProjectionDefinition, generation: number, state: BuildState, now: string): Promise<ProjectionBuildDoc> {
    const collections: Record<string, string> = {};
    for (const logical of Object.keys(definition.collections)) {
      collections[logical] = physicalCollectionName(logical, definition.version, generation);
    }
    const doc: ProjectionBuildDoc = {
      _id: buildIdOf(definition.name, definition.version, generation),
      kind: 'build',
      name: definition.name,
      version: definition.version,
      generation,
      state,
      position: 0,
      types: Object.keys(definition.handlers),
      collections,
      eventsApplied: 0,
      parkedCount: 0,
      lastEventAt: null,
      startedAt: now,
      updatedAt: now,
      caughtUpAt: null,
      activatedAt: state === 'active' ? now : null,
      retiredAt: null,
      dropped: false,
    };
    await this.docs.insertOne(doc);
    return doc;
  }

  async saveCheckpoint(buildId: string, fields: CheckpointFields): Promise<void> {
    await this.docs.updateOne({ _id: buildId }, { $set: fields });
  }

  /** Points the projection at `build`: the switch queries see. */
  async activate(build: ProjectionBuildDoc, now: string): Promise<void> {
    const doc: ActiveProjectionDoc = {
      _id: build.name,
      kind: 'active',
      name: build.name,
      version: build.version,
      generation: build.generation,
      buildId: build._id,
      collections: build.collections,
      switchedAt: now,
    };
    await this.docs.replaceOne({ _id: build.name }, doc, { upsert: true });
    await this.docs.updateOne({ _id: build._id }, { $set: { state: 'active', activatedAt: now } });
  }

  async setCollections(buildId: string, collections: Record<string, string>): Promise<void> {
    await this.docs.updateOne({ _id: buildId }, { $set: { collections } });
  }

  async retire(buildId: string, now: string): Promise<void> {
    await this.docs.updateOne({ _id: buildId }, { $set: { state: 'retired', retiredAt: now } });
  }

  async markDropped(buildId: string): Promise<void> {
    await this.docs.updateOne({ _id: buildId }, { $set: { dropped: true } });
  }
}
