import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvStream } from './parse';
import { detectLabel } from './label';
import { buildDanfoFrame } from './danfo';

// The real files live outside the repository (never copied into it): ../shared/datasets/nsl-kdd/.
const dataset = (name: string) => new URL(`../../../../shared/datasets/nsl-kdd/${name}`, import.meta.url);

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  // Like File.stream(): 64 KiB pieces.
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(at, at + 65536));
      at += 65536;
    },
  });
}

test('KDDTest+.txt: 22,544 rows, 43 columns, NSL-KDD, label attack, 12,833 anomalies', async () => {
  const bytes = new Uint8Array(readFileSync(dataset('KDDTest+.txt')));
  const t0 = performance.now();
  const p = await parseCsvStream(streamOf(bytes), bytes.length, { fileName: 'KDDTest+.txt' });
  const parseMs = performance.now() - t0;
  expect(p.table.nRows).toBe(22544);
  expect(p.table.columns.length).toBe(43);
  expect(p.schema).toBe('nsl-kdd');
  expect(p.hasHeader).toBe(false);
  expect(p.delimiter).toBe(',');
  expect(p.issues).toEqual([]);
  const outbound = p.table.columns.find((c) => c.name === 'num_outbound_cmds');
  expect(outbound?.kind).toBe('numeric');
  expect(outbound?.reason).toBe('all 22,544 non-empty values are numbers');
  const kinds = p.table.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
  expect(kinds).toEqual(['protocol_type', 'service', 'flag', 'attack']);

  const label = detectLabel(p.table, p.schema);
  expect(label.column).toBe('attack');
  expect(label.normalValue).toBe('normal');
  expect(label.columnChosenBy).toBe('schema');
  expect(label.anomalies).toBe(12833);
  expect(label.normals).toBe(9711);
  expect(label.classes[0]).toEqual({ value: 'normal', count: 9711, normal: true });

  const { frame, renamed, buildMs } = buildDanfoFrame(p.table);
  expect(frame.shape).toEqual([22544, 43]);
  // NSL-KDD's `count` feature would shadow DataFrame.count().
  expect(renamed).toEqual([{ from: 'count', to: 'count_' }]);
  expect(frame.column('count_').values.length).toBe(22544);
  // Informational (the machine is shared): the real budget is ~1-2 s for the 126k-row file.
  console.info(`KDDTest+ parse ${parseMs.toFixed(0)} ms, danfo frame ${buildMs.toFixed(0)} ms`);
});

test('KDDTrain+_20Percent.txt: 25,192 rows, 13,449 normal', async () => {
  const bytes = new Uint8Array(readFileSync(dataset('KDDTrain+_20Percent.txt')));
  const p = await parseCsvStream(streamOf(bytes), bytes.length);
  expect(p.table.nRows).toBe(25192);
  const label = detectLabel(p.table, p.schema);
  expect(label.normals).toBe(13449);
  expect(label.anomalies).toBe(25192 - 13449);
});
