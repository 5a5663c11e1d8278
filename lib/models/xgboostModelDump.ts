/**
 * Reader for the binary model file of the XGBoost build inside ml-xgboost (the pre-1.0 "binary:" format that
 * `XGBoosterSaveModel` writes). ml-xgboost exposes no tree dump, so the trees are read from the saved bytes to
 * count splits per feature (the "weight" importance) and to total their gains and covers.
 *
 * Layout (little-endian, as in XGBoost's learner.cc / gbtree.cc / tree_model.h of that version):
 *   LearnerModelParam: base_score f32, num_feature u32, num_class i32, 31 reserved/flag i32    (136 bytes)
 *   objective name, booster name: each u64 length + bytes
 *   GBTreeModelParam: num_trees i32, num_roots i32, num_feature i32, pad i32, num_pbuffer i64,
 *                     num_output_group i32, size_leaf_vector i32, 32 reserved i32               (160 bytes)
 *   per tree: TreeParam (num_roots, num_nodes, num_deleted, max_depth, num_feature, size_leaf_vector,
 *             31 reserved; 148 bytes), num_nodes × Node (parent, cleft, cright i32, sindex u32, info f32),
 *             num_nodes × NodeStat (loss_chg, sum_hess, base_weight f32, leaf_child_cnt i32),
 *             and a leaf vector (u64 length + f32s) only when size_leaf_vector ≠ 0.
 */

/** One node of a parsed tree. */
export interface TreeNode {
  /** Left/right child ids, −1 for a leaf. */
  readonly left: number;
  readonly right: number;
  /** Split feature index (meaningless for a leaf). */
  readonly feature: number;
  /** Whether missing values go left. */
  readonly defaultLeft: boolean;
  /** Split threshold (go left when x < threshold) or, for a leaf, the leaf value. */
  readonly value: number;
  /** Loss reduction of the split (the "gain"). */
  readonly gain: number;
  /** Sum of hessians reaching the node (the "cover"). */
  readonly cover: number;
}

/** The parts of a saved model this project uses. */
export interface ParsedXGBoostModel {
  readonly baseScore: number;
  readonly numFeature: number;
  readonly objective: string;
  readonly booster: string;
  readonly trees: readonly (readonly TreeNode[])[];
}

/** Parse the bytes of a saved ml-xgboost model (e.g. `booster.toJSON().model`, signed bytes). */
export function parseXGBoostModel(bytes: ArrayLike<number>): ParsedXGBoostModel {
  const buf = Uint8Array.from(bytes, (b) => b & 0xff);
  const view = new DataView(buf.buffer);
  let pos = 0;
  const need = (n: number, what: string): void => {
    if (pos + n > buf.length) throw new Error(`XGBoost model: truncated while reading ${what} at byte ${pos}`);
  };
  const i32 = (): number => {
    need(4, 'int');
    const v = view.getInt32(pos, true);
    pos += 4;
    return v;
  };
  const u32 = (): number => {
    need(4, 'uint');
    const v = view.getUint32(pos, true);
    pos += 4;
    return v;
  };
  const f32 = (): number => {
    need(4, 'float');
    const v = view.getFloat32(pos, true);
    pos += 4;
    return v;
  };
  const u64 = (): number => {
    need(8, 'length');
    const lo = view.getUint32(pos, true),
      hi = view.getUint32(pos + 4, true);
    pos += 8;
    if (hi !== 0) throw new Error('XGBoost model: implausible 64-bit length');
    return lo;
  };
  const str = (what: string): string => {
    const n = u64();
    need(n, what);
    const s = Buffer.from(buf.subarray(pos, pos + n)).toString('utf8');
    pos += n;
    return s;
  };

  const baseScore = f32();
  const numFeature = u32();
  pos += 136 - 8; // num_class, flags and reserved words: not needed here.
  const objective = str('objective name');
  const booster = str('booster name');
  if (booster !== 'gbtree') throw new Error(`XGBoost model: booster '${booster}' is not a tree booster`);
  const numTrees = i32();
  pos += 160 - 4;
  const trees: TreeNode[][] = [];
  for (let t = 0; t < numTrees; t++) {
    const treeStart = pos;
    i32(); // num_roots
    const numNodes = i32();
    i32();
    i32();
    i32(); // num_deleted, max_depth, num_feature
    const sizeLeafVector = i32();
    pos = treeStart + 148;
    const raw: { left: number; right: number; sindex: number; info: number }[] = [];
    for (let k = 0; k < numNodes; k++) {
      i32(); // parent
      const left = i32(),
        right = i32(),
        sindex = u32(),
        info = f32();
      raw.push({ left, right, sindex, info });
    }
    const nodes: TreeNode[] = [];
    for (let k = 0; k < numNodes; k++) {
      const gain = f32(),
        cover = f32();
      f32();
      i32(); // base_weight, leaf_child_cnt
      const r = raw[k]!;
      nodes.push({
        left: r.left,
        right: r.right,
        feature: r.sindex & 0x7fffffff,
        defaultLeft: r.sindex >>> 31 === 1,
        value: r.info,
        gain,
        cover,
      });
    }
    if (sizeLeafVector !== 0) {
      const n = u64();
      need(4 * n, 'leaf vector');
      pos += 4 * n;
    }
    trees.push(nodes);
  }
  return { baseScore, numFeature, objective, booster, trees };
}

/** Kinds of importance, named as XGBoost's `get_score(importance_type=...)`. */
export type ImportanceType = 'weight' | 'gain' | 'cover' | 'total_gain' | 'total_cover';

/**
 * Per-feature importance over the splits reachable from each root (pruned nodes are unreachable and ignored):
 * 'weight' = number of splits, 'total_gain'/'total_cover' = sums, 'gain'/'cover' = averages per split.
 * Features never split on are absent, as in XGBoost's get_score.
 */
export function featureImportanceOf(model: ParsedXGBoostModel, type: ImportanceType): Map<number, number> {
  const splits = new Map<number, number>(),
    gains = new Map<number, number>(),
    covers = new Map<number, number>();
  for (const tree of model.trees) {
    if (tree.length === 0) continue;
    const stack = [0];
    while (stack.length > 0) {
      const id = stack.pop()!;
      const node = tree[id]!;
      if (node.left < 0) continue;
      splits.set(node.feature, (splits.get(node.feature) ?? 0) + 1);
      gains.set(node.feature, (gains.get(node.feature) ?? 0) + node.gain);
      covers.set(node.feature, (covers.get(node.feature) ?? 0) + node.cover);
      stack.push(node.left, node.right);
    }
  }
  const out = new Map<number, number>();
  for (const [f, count] of splits) {
    const value =
      type === 'weight'
        ? count
        : type === 'total_gain'
          ? gains.get(f)!
          : type === 'total_cover'
            ? covers.get(f)!
            : type === 'gain'
              ? gains.get(f)! / count
              : covers.get(f)! / count;
    out.set(f, value);
  }
  return out;
}
