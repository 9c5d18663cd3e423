/** Parquet schema of `DIR/embed/part-*.parquet`: one row per flagged pair. */
export const EMBED_COLUMNS: ReadonlyArray<readonly [name: string, type: string, description: string]> = [
  ['kind', 'VARCHAR', 'duplicate (same problem, joins a cluster), sibling (close but asks another question: both stay) or contamination (close to a benchmark item)'],
  ['id', 'VARCHAR', 'corpus record id'],
  ['source', 'VARCHAR', 'adapter name of the record'],
  ['other', 'VARCHAR', 'the other corpus record id, or the benchmark item'],
  ['other_source', 'VARCHAR', 'adapter name of the other record, or the benchmark name'],
  ['similarity', 'DOUBLE', 'cosine similarity of the two embeddings'],
  ['relation', 'VARCHAR', 'dedup pair rule: exact, near (a reworded copy), sibling (other values or another question); embedding for contamination'],
  ['evidence', 'VARCHAR', 'evidence kind for contamination (embedding); null otherwise'],
  ['cluster', 'VARCHAR', 'duplicates: id of the first record (in id order) of the cluster the pair joins; null otherwise'],
];
