/**
 * Timing of the hypothesis work the notebook does after a load (the six panels + the feature
 * screen), on KDDTest+ and the 126k-row Kaggle copy. Opt-in (HYPO_BENCH=1): it only prints.
 *
 *   HYPO_BENCH=1 npx vitest run workers/hypotheses-timing.test.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../src/lib/table/parse';
import { detectLabel } from '../src/lib/table/label';
import { panel, prepare, screen } from './hypotheses-compute';
import { HYPOTHESIS_IDS, type PanelParams } from './protocol-hypo';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [resolve(repo, '../shared/datasets/nsl-kdd/KDDTest+.txt'), resolve(repo, '.bench/kdd-125973.csv')];

const params = (id: (typeof HYPOTHESIS_IDS)[number]): PanelParams =>
  id === 'chi2-protocol_type' || id === 'chi2-service' ? { id, mergeRare: false } : ({ id } as PanelParams);

describe.skipIf(!process.env.HYPO_BENCH)('hypothesis timing', () => {
  for (const file of FILES) {
    it.skipIf(!existsSync(file))(file.split('/').pop() ?? file, async () => {
      const parsed = await parseCsvText(readFileSync(file, 'utf8'));
      const label = detectLabel(parsed.table, parsed.schema);
      const times: Record<string, number[]> = {};
      for (let rep = 0; rep < 6; rep++) {
        const t0 = performance.now();
        const p = prepare({ table: parsed.table, schema: parsed.schema, label });
        if ('kind' in p) throw new Error(p.message);
        const lap = (k: string, t: number) => (times[k] ??= []).push(performance.now() - t);
        lap('prepare', t0);
        for (const id of HYPOTHESIS_IDS) {
          const t = performance.now();
          expect(panel(p, params(id)).kind).not.toBe('unavailable');
          lap(id, t);
        }
        const t = performance.now();
        screen(p);
        lap('screen', t);
        lap('total', t0);
      }
      const median = (xs: number[]) => [...xs.slice(1)].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
      const out = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
      console.log(`${parsed.table.nRows} rows (median of 5 after a warm-up, ms):`, out);
    });
  }
});
