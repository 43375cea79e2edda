/**
 * The build-time rewrite of plotly.js-dist (scripts/plotly-stepwise.ts), on a small bundle
 * shaped like esbuild's output: the same exports as the plain bundle, the same modules run,
 * split into steps; and the plain bundle left alone when its shape is unknown.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepwisePlotly } from '../../scripts/plotly-stepwise';

const ESM = `(fn2, res, err) => function __init() {
    if (err) throw err[0];
    try {
      return fn2 && (res = (0, fn2[__getOwnPropNames(fn2)[0]])(fn2 = 0)), res;
    } catch (e58) {
      throw err = [e58], e58;
    }
  }`;
const COMMONJS = `(cb2, mod2) => function __require() {
    try {
      return mod2 || (0, cb2[__getOwnPropNames(cb2)[0]])((mod2 = { exports: {} }).exports, mod2), mod2.exports;
    } catch (e58) {
      throw mod2 = 0, e58;
    }
  }`;

/** A bundle as plotly.js-dist ships it; `modules` and `entry` replace parts to break its shape. */
function bundle({ commonJS = COMMONJS, entry = 'return require_index();' } = {}): string {
  return `/**
* fixture v1
*/
(
 function(root, factory) {
  if (typeof module === "object" && module.exports) {
   module.exports = factory();
  } else {
   root.moduleName = factory();
  }
} (typeof self !== "undefined" ? self : this, () => {
"use strict";
var Plotly = (() => {
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __esm = ${ESM};
  var __commonJS = ${commonJS};
  var leafValue;
  var init_leaf = __esm({
    "leaf.mjs"() {
      fixtureLog.push("leaf");
      leafValue = 2;
    }
  });
  function double(x) {
    return x * 2;
  }
  var require_a = __commonJS({
    "a.js"(exports, module) {
      fixtureLog.push("a");
      module.exports = { a: 1 };
    }
  });
  var require_b = __commonJS({
    "b.js"(exports, module) {
      fixtureLog.push("b");
      init_leaf();
      module.exports = { b: require_a().a + double(leafValue) };
    }
  });
  var require_lazy = __commonJS({
    "lazy.js"(exports, module) {
      fixtureLog.push("lazy");
      module.exports = 5;
    }
  });
  var require_cond = __commonJS({
    "cond.js"(exports, module) {
      fixtureLog.push("cond");
      module.exports = 6;
    }
  });
  var require_early = __commonJS({
    "early.js"(exports, module) {
      fixtureLog.push("early");
      if (typeof fixtureLog === "object") return;
      module.exports = require_cond();
    }
  });
  var require_c1 = __commonJS({
    "c1.js"(exports, module) {
      fixtureLog.push("c1");
      module.exports.x = 1;
      module.exports.c2 = require_c2();
    }
  });
  var require_c2 = __commonJS({
    "c2.js"(exports, module) {
      fixtureLog.push("c2");
      var c1 = require_c1();
      module.exports = { seenX: c1.x };
    }
  });
  var require_index = __commonJS({
    "index.js"(exports, module) {
      fixtureLog.push("index");
      require_early();
      module.exports = {
        b: require_b().b,
        later: () => require_lazy(),
        cond: typeof fixtureLog !== "object" ? require_cond() : null,
        c: require_c1().c2.seenX
      };
    }
  });
  ${entry}
})();
/*! a license comment */
window.Plotly = Plotly;
return Plotly;
}));
`;
}

interface Fixture {
  b: number;
  later: () => number;
  cond: number | null;
  c: number;
}
interface Staged {
  steps: (() => unknown)[];
  finish: () => Fixture;
  default: { steps: (() => unknown)[]; finish: () => Fixture };
}
interface TestGlobals {
  fixtureLog: string[];
  window: { Plotly?: unknown };
}
const g = globalThis as unknown as TestGlobals;

let dir = '';
let n = 0;
/** Imports ES module source (the rewrite's output) from a file. */
async function importSource(code: string): Promise<Staged> {
  const file = path.join(dir, `staged-${n++}.mjs`);
  writeFileSync(file, code);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Staged;
}

/** Evaluates the plain UMD bundle as CommonJS. */
function evaluatePlain(code: string): Fixture {
  const module = { exports: {} as Fixture };
  new Function('module', code)(module);
  return module.exports;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'plotly-stepwise-'));
  g.window = {};
});
afterAll(() => {
  delete (globalThis as Partial<TestGlobals>).window;
  delete (globalThis as Partial<TestGlobals>).fixtureLog;
});

describe('stepwisePlotly', () => {
  it('exports steps and an entry that together give what the plain bundle gives', async () => {
    const code = bundle();
    g.fixtureLog = [];
    const plain = evaluatePlain(code);
    const plainRan = [...g.fixtureLog].sort();

    const result = await stepwisePlotly(code);
    if (!result.ok) throw new Error(result.reason);
    // sure dependencies outside the cycle (c1 ⇄ c2), not the conditional or lazy ones, not the entry
    expect(result.steps).toBe(4);
    expect(result.modules).toBe(9);
    // step bodies parenthesized (compiled eagerly by V8), the others left as they were
    expect(result.code).toContain('"a.js": (function (exports, module) {');
    expect(result.code).toContain('"c1.js"(exports, module) {');

    g.fixtureLog = [];
    g.window = {};
    const staged = await importSource(result.code);
    expect(g.fixtureLog).toEqual([]); // defining the wrappers runs no module body
    // the default export carries the same two members (Vite's dev server imports only it)
    expect(staged.default.steps).toBe(staged.steps);
    expect(staged.default.finish).toBe(staged.finish);
    for (const step of staged.steps) step();
    // in definition order: dependencies first
    expect(g.fixtureLog).toEqual(['leaf', 'a', 'b', 'early']);
    const lib = staged.finish();
    expect(lib).toEqual({ ...plain, later: lib.later });
    expect(lib.later()).toBe(plain.later());
    expect(g.window.Plotly).toBe(lib);
    // the same modules ran, each once (the cycle entered where the plain bundle entered it)
    expect([...g.fixtureLog].filter((m) => m !== 'lazy').sort()).toEqual(plainRan);
    expect(lib.c).toBe(1);
  });

  it('leaves a step that throws to the entry, which reports it', async () => {
    const code = bundle().replace('module.exports = { a: 1 };', 'throw new Error("a failed");');
    const result = await stepwisePlotly(code);
    if (!result.ok) throw new Error(result.reason);
    g.fixtureLog = [];
    const staged = await importSource(result.code);
    expect(() => staged.steps[1]()).toThrow('a failed');
    expect(() => staged.finish()).toThrow('a failed');
  });

  it('gives up on shapes it does not know', async () => {
    const cases = [
      'module.exports = { react() {} };',
      bundle({ entry: 'return { index: require_index() };' }),
      bundle({ entry: '' }),
      // a wrapper helper that does not cache would run modules twice
      bundle({ commonJS: '(cb2) => function __require() { var mod2 = { exports: {} }; (0, cb2[__getOwnPropNames(cb2)[0]])(mod2.exports, mod2); return mod2.exports; }' }),
      bundle().replace('window.Plotly = Plotly;', 'self.Plotly = Plotly;'),
      bundle().replace('"use strict";', '"use strict";\nvar self2 = this;'),
      'this is not JavaScript',
    ];
    for (const code of cases) {
      const result = await stepwisePlotly(code);
      expect(result.ok, code.slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/\w/);
    }
  });
});
