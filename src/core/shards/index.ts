export { MAX_SHARDS, assignShards, checkShard, selectCells, shardCells, type Shard } from './plan.js';
export { collectCells, type CollectedCells, type PartCells } from './merge.js';
