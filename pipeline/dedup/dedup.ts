import type { DedupConfig } from '../../schemas/config.ts';
import { confirmPairs, type ConfirmStats } from './confirm.ts';
import { answersAgree, hasDisagreement, resolveCluster, type ClusterMember } from './conflicts.ts';
import { rankMembers, sourceRank } from './keeper-policy.ts';
import type { FilterArrays } from './candidate-filter.ts';
import { candidatePairsOnThreads } from './lsh-threads.ts';
import { dedupFacts, type IndexedDedupFacts } from './facts.ts';
import { PairBuffer } from './packed-sort.ts';
import { sharedUint32, sharedUint8 } from './shared-arrays.ts';
import type { DedupDecision, DedupInput, Equivalent } from './types.ts';
import { UnionFind } from './union-find.ts';
import { ValueStore } from './value-store.ts';

export type { DedupDecision, DedupInput, DedupReason, Equivalent } from './types.ts';
export { dedupSummary, type DedupSummary } from './summary.ts';
export { lshThreadCount } from './lsh-threads.ts';

/**
 * Exact and near-duplicate removal with answer-conflict detection (see README.md).
 *
 * Passes over the records' dedup facts (`dedupFacts`: exact hash, band hashes, sketch, shingle
 * set, value tokens; precomputed by the pipeline, else computed from `stream()`):
 *  1. kept per record: 2 + `bands` uint32, the shingle-set size and the 8-bit sketch (about 220
 *     bytes at 20 bands and 120 signature values).
 *  2. group exact hashes; LSH candidate pairs among one representative per exact group; re-stream
 *     to confirm each pair's exact Jaccard (and the template-sibling rule); union-find.
 *  3. re-stream to collect id, source, answer of records in clusters of 2+ only, then choose
 *     keepers and compare answers per cluster.
 * Exact duplicates: same 64-bit hash of the normalised text (two murmur3 seeds; the chance of
 * any collision among 1.5M records is about 6e-8, so texts are not compared again).
 */
export { EXACT_SEED_HI, EXACT_SEED_LO } from './facts.ts';

export interface DedupStats {
  records: number;
  exactGroups: number;
  exactDuplicates: number;
  lshRecords: number;
  /** Pairs that passed LSH and the sketch prefilter but are template siblings (no Jaccard computed). */
  siblingPairs: number;
  /** Confirmed pairs that ask different questions and give different answers: siblings, no edge. */
  askedSiblings: number;
  /** Pairs whose exact Jaccard was computed. */
  candidatePairs: number;
  confirm: ConfirmStats;
  clusters: number;
  recordsInClusters: number;
  ms: { signatures: number; lsh: number; confirm: number; resolve: number };
}

export interface DedupOptions {
  /** Receives counts and timings once the run finishes. */
  onStats?: (s: DedupStats) => void;
  /**
   * The records' dedup facts in index order, re-streamable (the pipeline reads the binary files
   * its worker threads wrote). Given `wanted`, it may leave out the records not set there (a
   * confirmation pass needs a fraction). Without it they are computed from `stream()`'s problem
   * texts.
   */
  features?: (wanted?: Uint8Array) => AsyncIterable<readonly IndexedDedupFacts[]>;
  /**
   * Threads for the LSH candidate search (default 1: this thread only). The pairs and every
   * count are the same at any number (see lsh-threads.ts); `lshThreadCount` picks it.
   */
  lshThreads?: number;
  /**
   * The records whose flag in `wanted` is set, in index order, in batches: what pass 3 reads
   * (records in clusters, a small share). The pipeline parses only those lines of its facts
   * files; without it pass 3 filters `stream()`.
   */
  select?: (wanted: Uint8Array) => AsyncIterable<readonly DedupInput[]>;
}

export async function dedup(
  stream: () => AsyncIterable<DedupInput>,
  n: number,
  cfg: DedupConfig,
  equivalent: Equivalent,
  options: DedupOptions = {},
): Promise<DedupDecision[]> {
  const singletons = (): DedupDecision[] => {
    const out = new Array<DedupDecision>(n);
    for (let i = 0; i < n; i++) out[i] = singleton(i);
    return out;
  };
  if (!cfg.enabled || n === 0) return singletons();
  if (cfg.bands * cfg.rows > cfg.num_perm) {
    throw new Error(`dedup: bands x rows (${cfg.bands} x ${cfg.rows}) exceeds num_perm (${cfg.num_perm})`);
  }
  const bands = cfg.bands;
  const features =
    options.features ??
    async function* (): AsyncGenerator<readonly IndexedDedupFacts[]> {
      for await (const rec of inOrder(stream())) {
        if (rec.problem === undefined) throw new Error(`dedup: record ${rec.index} has no problem text and no dedup facts were given`);
        yield [{ ...dedupFacts(rec.problem, cfg), index: rec.index }];
      }
    };

  // Pass 1: signatures.
  let t = performance.now();
  const hashHi = new Uint32Array(n);
  const hashLo = new Uint32Array(n);
  // the arrays LSH reads are shared memory: its worker threads read them in place
  const bandHashes = sharedUint32(n * bands);
  const setSize = sharedUint32(n);
  const perm = cfg.num_perm;
  // each sketch row padded to whole 32-bit words (zero padding agrees, so it never counts)
  const stride = (perm + 3) & ~3;
  const sketches = sharedUint8(n * stride);
  const values = new ValueStore(n);
  let seen = 0;
  for await (const batch of features()) {
    for (const f of batch) {
      if (seen >= n) throw new Error(`dedup: stream gave more than n = ${n} records`);
      if (f.index !== seen) throw new Error(`dedup: facts out of order (got index ${f.index}, expected ${seen})`);
      if (f.bands.length !== bands || f.sketch.length !== perm) {
        throw new Error(`dedup: record ${seen} has ${f.bands.length} band hashes and ${f.sketch.length} sketch bytes, config wants ${bands} and ${perm}`);
      }
      hashHi[seen] = f.hi;
      hashLo[seen] = f.lo;
      setSize[seen] = f.set.length;
      bandHashes.set(f.bands, seen * bands);
      sketches.set(f.sketch, seen * stride);
      values.add(f.values);
      seen++;
    }
  }
  if (seen !== n) throw new Error(`dedup: stream gave ${seen} records, expected ${n}`);
  values.trim();
  const msSignatures = performance.now() - t;

  // Exact groups: exactRep[i] = smallest index with the same normalised text.
  t = performance.now();
  const exactRep = new Int32Array(n);
  const byHash = new PairBuffer(n);
  for (let i = 0; i < n; i++) byHash.push(hashHi[i], i);
  byHash.sort();
  let exactDuplicates = 0;
  let exactGroups = 0;
  for (let s = 0, e = 0; s < n; s = e) {
    for (e = s + 1; e < n && byHash.hi(e) === byHash.hi(s); e++);
    for (let q = s; q < e; q++) {
      const iq = byHash.lo(q);
      let rep = iq;
      for (let p = s; p < q; p++) {
        const ip = byHash.lo(p);
        if (hashLo[ip] === hashLo[iq]) {
          rep = exactRep[ip];
          break;
        }
      }
      exactRep[iq] = rep;
      if (rep !== iq) exactDuplicates++;
    }
  }
  const uf = new UnionFind(n);
  let lshRecords = 0;
  for (let i = 0; i < n; i++) if (exactRep[i] === i) lshRecords++;
  const reps = sharedUint32(lshRecords);
  for (let i = 0, k = 0; i < n; i++) {
    if (exactRep[i] === i) reps[k++] = i;
    else uf.union(i, exactRep[i]);
  }
  const grouped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (exactRep[i] !== i && !grouped[exactRep[i]]) {
      grouped[exactRep[i]] = 1;
      exactGroups++;
    }
  }
  const filterArrays: FilterArrays = {
    sketches,
    perm,
    stride,
    setSize,
    floor: cfg.near_dup_threshold - cfg.sketch_margin,
    values: cfg.template_siblings ? values.arrays() : null,
  };
  const banding = { bandHashes, bands, members: reps, window: cfg.lsh_window, minBands: cfg.min_matching_bands };
  const { pairs, siblingPairs } = await candidatePairsOnThreads({ banding, filter: filterArrays }, options.lshThreads ?? 1);
  const msLsh = performance.now() - t;

  // Pass 2: confirm candidates with exact Jaccard.
  t = performance.now();
  const edgePartner = new Int32Array(n).fill(-1);
  const edgeJaccard = new Float32Array(n);
  const addEdge = (i: number, j: number, J: number): void => {
    uf.union(i, j);
    if (J > edgeJaccard[i]) {
      edgeJaccard[i] = J;
      edgePartner[i] = j;
    }
    if (J > edgeJaccard[j]) {
      edgeJaccard[j] = J;
      edgePartner[j] = i;
    }
  };
  // Confirmed pairs whose wording differs in what is asked: joined only if their answers agree
  // (then the change was wording after all); otherwise siblings, both kept (question-tokens.ts).
  const asked: number[] = [];
  const confirm = await confirmPairs(
    features,
    pairs,
    setSize,
    {
      threshold: cfg.near_dup_threshold,
      budgetBytes: cfg.confirm_memory_mb * 1024 * 1024,
      questionRule: cfg.template_siblings,
    },
    (i, j, J, questionChanged) => {
      if (questionChanged) asked.push(i, j, J);
      else addEdge(i, j, J);
    },
  );
  const msConfirm = performance.now() - t;
  let askedSiblings = 0;

  // Pass 3: facts of clustered records only; then keepers and answer conflicts.
  t = performance.now();
  const root = new Int32Array(n);
  const size = new Int32Array(n);
  const countClusters = (): void => {
    size.fill(0);
    for (let i = 0; i < n; i++) {
      root[i] = uf.find(i);
      size[root[i]]++;
    }
  };
  countClusters();
  const inAsked = new Uint8Array(n);
  for (let k = 0; k < asked.length; k += 3) inAsked[asked[k]] = inAsked[asked[k + 1]] = 1;
  const decisions = singletons();
  const clusters = new Map<number, ClusterMember[]>();
  const idOf = new Map<number, string>();
  const read = new Map<number, ClusterMember>();
  const wanted = new Uint8Array(n);
  let recordsInClusters = 0;
  for (let i = 0; i < n; i++) {
    if (size[root[i]] > 1 || inAsked[i]) {
      wanted[i] = 1;
      recordsInClusters++;
    }
  }
  if (recordsInClusters > 0) {
    const select = options.select ?? ((w: Uint8Array) => selectFrom(stream(), w));
    for await (const batch of select(wanted)) {
      for (const rec of batch) {
        const i = rec.index;
        if (!wanted[i] || read.has(i)) throw new Error(`dedup: selection gave record ${i}, not wanted or twice`);
        idOf.set(i, rec.id);
        read.set(i, {
          index: i,
          id: rec.id,
          source: rec.source,
          subset: rec.subset,
          eligible: rec.eligible,
          hasClosedForm: rec.answer_canonical !== null,
          answer: rec.answer,
          answer_canonical: rec.answer_canonical,
          exactRep: exactRep[i],
          edgePartnerId: null,
          edgeJaccard: 0,
        });
      }
    }
    if (read.size !== recordsInClusters) throw new Error(`dedup: selection gave ${read.size} records, expected ${recordsInClusters}`);
    // A held pair joins only clusters whose copies agree: a question changed next to a cluster
    // that is an answer conflict already would otherwise be dropped with it.
    const conflicted = new Set<number>();
    if (asked.length) {
      const base = new Map<number, ClusterMember[]>();
      for (const [i, m] of read) {
        if (size[root[i]] < 2) continue;
        const list = base.get(root[i]);
        if (list) list.push(m);
        else base.set(root[i], [m]);
      }
      const rank = sourceRank(cfg.source_priority);
      for (const [r, list] of base) if (hasDisagreement(rankMembers(list, rank), equivalent)) conflicted.add(r);
    }
    for (let k = 0; k < asked.length; k += 3) {
      const a = read.get(asked[k])!;
      const b = read.get(asked[k + 1])!;
      if (answersAgree(a, b, equivalent) && !conflicted.has(root[a.index]) && !conflicted.has(root[b.index])) addEdge(a.index, b.index, asked[k + 2]);
      else askedSiblings++;
    }
    countClusters();
    for (const [i, m] of read) {
      if (size[root[i]] < 2) continue;
      m.edgeJaccard = edgeJaccard[m.exactRep];
      let members = clusters.get(root[i]);
      if (!members) clusters.set(root[i], (members = []));
      members.push(m);
    }
    recordsInClusters = 0;
    for (const members of clusters.values()) {
      members.sort((x, y) => x.index - y.index);
      recordsInClusters += members.length;
    }
    const rank = sourceRank(cfg.source_priority);
    for (const members of clusters.values()) {
      for (const m of members) {
        const partner = edgePartner[m.exactRep];
        m.edgePartnerId = partner >= 0 ? (idOf.get(partner) ?? null) : null;
      }
      for (const d of resolveCluster(rankMembers(members, rank), cfg.conflict_policy, equivalent)) decisions[d.index] = d;
    }
  }
  const msResolve = performance.now() - t;
  options.onStats?.({
    records: n,
    exactGroups,
    exactDuplicates,
    lshRecords,
    siblingPairs,
    askedSiblings,
    candidatePairs: pairs.length,
    confirm,
    clusters: clusters.size,
    recordsInClusters,
    ms: { signatures: msSignatures, lsh: msLsh, confirm: msConfirm, resolve: msResolve },
  });
  return decisions;
}

/** The stream, checked to give indexes 0, 1, 2, ... (every pass relies on index order). */
async function* inOrder<T extends { index: number }>(records: AsyncIterable<T>): AsyncGenerator<T> {
  let expected = 0;
  for await (const rec of records) {
    if (rec.index !== expected) throw new Error(`dedup: stream out of order (got index ${rec.index}, expected ${expected})`);
    expected++;
    yield rec;
  }
}

/** The wanted records of the full stream (checked to be in index order), one per batch. */
async function* selectFrom(records: AsyncIterable<DedupInput>, wanted: Uint8Array): AsyncGenerator<readonly DedupInput[]> {
  const last = wanted.lastIndexOf(1);
  for await (const rec of inOrder(records)) {
    if (wanted[rec.index]) yield [rec];
    if (rec.index === last) break;
  }
}

function singleton(index: number): DedupDecision {
  return { index, dup_cluster: null, dup_cluster_size: 1, duplicate_of: null, reason: null, evidence: '' };
}
