/**
 * Build-time transform of plotly.js-dist so that its evaluation can be spread over many short
 * main-thread tasks instead of one of ~1 s (the single biggest task of the app).
 *
 * plotly.js-dist 4.x is an esbuild bundle inside a UMD wrapper:
 *
 *   (function(root, factory) { … module.exports = factory() … }(this, () => {
 *     "use strict";
 *     var Plotly = (() => {
 *       var __esm = …, __commonJS = …;                 // lazy module wrappers
 *       var require_a = __commonJS({ "a.js"(exports, module) { … } });
 *       var init_b = __esm({ "b.js"() { … } });
 *       …                                              // ~1,200 of them, dependencies first
 *       return require_index();                        // the entry: runs every body, nested
 *     })();
 *     window.Plotly = Plotly;
 *     return Plotly;
 *   }));
 *
 * A wrapper's body runs only when it is first called, once; later calls return the cached
 * exports. The transform turns the file into an ES module exporting `steps` (the wrappers the
 * entry would run anyway, in definition order — esbuild emits dependencies first, so each step
 * mostly finds its dependencies done) and `finish()` (the entry, which then only assembles
 * cached modules, and `window.Plotly`). The loader (src/lib/charts/render.ts) calls the steps a
 * few at a time between yields.
 *
 * Exactness: calling a module before its original parent evaluates it with the same
 * dependencies, except inside a require cycle, where the member entered first sees the others
 * half-done: cycle members are left to their parents. Modules that the entry reaches only
 * conditionally (inside functions, `if`, `? :`, `&&`, after an early return…) are left to the
 * entry too, so nothing runs that the plain bundle would not have run. If the file is not shaped
 * as expected (another plotly version or bundler), the transform gives up and the bundle is
 * used untouched, evaluated in one task as before.
 */
import { parseAstAsync } from 'vite';

/** What the transform needs of an ESTree node; everything else is walked generically. */
interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export type StepwiseResult =
  | { ok: true; code: string; steps: number; modules: number }
  | { ok: false; reason: string };

/** esbuild's two lazy-wrapper helpers as plotly.js-dist 4.1 ships them (whitespace aside). */
const EXPECTED_HELPERS: Record<string, string> = {
  __esm: `(fn2, res, err) => function __init() {
    if (err) throw err[0];
    try {
      return fn2 && (res = (0, fn2[__getOwnPropNames(fn2)[0]])(fn2 = 0)), res;
    } catch (e58) {
      throw err = [e58], e58;
    }
  }`,
  __commonJS: `(cb2, mod2) => function __require() {
    try {
      return mod2 || (0, cb2[__getOwnPropNames(cb2)[0]])((mod2 = { exports: {} }).exports, mod2), mod2.exports;
    } catch (e58) {
      throw mod2 = 0, e58;
    }
  }`,
};

/** The helpers' semantics, not their local names: esbuild renames locals between releases. */
const helperShape = (src: string): string =>
  src
    .replace(/\s+/g, '')
    .replace(/\b(fn|res|err|cb|mod|e)\d*\b/g, '$1');

const isNode = (v: unknown): v is AstNode =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const CLASS_TYPES = new Set(['ClassDeclaration', 'ClassExpression']);

/** Does running this statement possibly leave the enclosing function (not a nested one)? */
function mayExit(node: AstNode): boolean {
  if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') return true;
  if (FUNCTION_TYPES.has(node.type) || CLASS_TYPES.has(node.type)) return false;
  return children(node).some(mayExit);
}

/**
 * The wrapper calls in a module body: `all` wherever they appear (for cycles), `sure` those that
 * run whenever the body runs (no function, branch, loop or earlier exit in between).
 */
function scanBody(node: AstNode, names: ReadonlySet<string>, sure: boolean, all: Set<string>, sureCalls: Set<string>): void {
  const visit = (n: AstNode | unknown, s: boolean): void => {
    if (isNode(n)) scanBody(n, names, s, all, sureCalls);
  };
  if (node.type === 'Identifier' && typeof node.name === 'string' && names.has(node.name)) all.add(node.name);
  if (node.type === 'CallExpression' && sure && !node.optional) {
    const callee = node.callee;
    const args = node.arguments;
    if (isNode(callee) && callee.type === 'Identifier' && typeof callee.name === 'string' && names.has(callee.name) && Array.isArray(args) && args.length === 0) {
      sureCalls.add(callee.name);
    }
  }
  const t = node.type;
  if (FUNCTION_TYPES.has(t) || CLASS_TYPES.has(t) || LOOP_TYPES.has(t) || node.optional === true) {
    for (const c of children(node)) visit(c, false);
  } else if (t === 'ConditionalExpression' || t === 'IfStatement') {
    visit(node.test, sure);
    visit(node.consequent, false);
    visit(node.alternate, false);
  } else if (t === 'LogicalExpression') {
    visit(node.left, sure);
    visit(node.right, false);
  } else if (t === 'AssignmentExpression' && node.operator !== '=' && /^(\|\||&&|\?\?)=$/.test(String(node.operator))) {
    visit(node.left, sure);
    visit(node.right, false);
  } else if (t === 'SwitchStatement') {
    visit(node.discriminant, sure);
    for (const c of Array.isArray(node.cases) ? node.cases : []) visit(c, false);
  } else if (t === 'TryStatement') {
    visit(node.block, sure);
    visit(node.handler, false);
    visit(node.finalizer, false);
  } else if (t === 'BlockStatement' || t === 'Program' || t === 'StaticBlock') {
    // after a statement that may return or throw, the rest of the block may not run
    let s = sure;
    for (const stmt of Array.isArray(node.body) ? node.body : []) {
      visit(stmt, s);
      if (s && isNode(stmt) && mayExit(stmt)) s = false;
    }
  } else {
    for (const c of children(node)) visit(c, sure);
  }
}

/** Members of require cycles (strongly connected components of more than one module). */
function cycleMembers(graph: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const members = new Set<string>();
  let next = 0;
  // iterative Tarjan: the graph is ~1,200 deep at worst, too deep for recursion in some hosts
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { v: string; it: Iterator<string> }[] = [];
    const open = (v: string): void => {
      index.set(v, next);
      low.set(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      work.push({ v, it: (graph.get(v) ?? new Set<string>()).values() });
    };
    open(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const step = top.it.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v) ?? 0, index.get(w) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v) ?? 0, low.get(top.v) ?? 0));
      if (low.get(top.v) === index.get(top.v)) {
        const component: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.v);
        if (component.length > 1) for (const m of component) members.add(m);
      }
    }
  }
  return members;
}

const fail = (reason: string): StepwiseResult => ({ ok: false, reason });

/**
 * Does the factory use `this` or `arguments` of the UMD function around it (arrow functions see
 * through to it)? The rewritten factory is an ordinary function, so those would change.
 */
function usesOuterThis(node: AstNode): boolean {
  if (node.type === 'ThisExpression' || (node.type === 'Identifier' && node.name === 'arguments')) return true;
  if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || CLASS_TYPES.has(node.type)) return false;
  return children(node).some(usesOuterThis);
}

/** Shape checks on a node: `null` when something is not as expected. */
function get(node: unknown, type: string): AstNode | null {
  return isNode(node) && node.type === type ? node : null;
}

/**
 * Rewrites the plotly.js-dist bundle (see the file comment). `parse` is Vite's (oxc) parser by
 * default; tests may pass another.
 */
export async function stepwisePlotly(code: string, parse: (code: string) => Promise<unknown> = parseAstAsync): Promise<StepwiseResult> {
  let program: AstNode | null;
  try {
    program = get(await parse(code), 'Program');
  } catch (err) {
    return fail(`does not parse: ${String(err)}`);
  }
  // (function(root, factory) { … }(self-or-this, () => { … }));
  const body = program && Array.isArray(program.body) ? program.body : [];
  const umd = body.length === 1 ? get(body[0], 'ExpressionStatement') : null;
  const umdCall = get(umd?.expression, 'CallExpression');
  const umdArgs = Array.isArray(umdCall?.arguments) ? umdCall.arguments : [];
  const factory = umdArgs.length === 2 ? get(umdArgs[1], 'ArrowFunctionExpression') : null;
  const factoryBody = get(factory?.body, 'BlockStatement');
  if (!umd || !get(umdCall?.callee, 'FunctionExpression') || !factoryBody) return fail('not the UMD wrapper around one factory');

  // "use strict"; var Plotly = (() => { … })(); window.Plotly = Plotly; return Plotly;
  const stmts = (Array.isArray(factoryBody.body) ? factoryBody.body : []).filter(isNode);
  const statements = stmts.filter((s) => !(s.type === 'ExpressionStatement' && typeof s.directive === 'string'));
  const [decl, assign, ret] = statements;
  const declarator = get(Array.isArray(decl?.declarations) && decl.declarations.length === 1 ? decl.declarations[0] : null, 'VariableDeclarator');
  const globalName = get(declarator?.id, 'Identifier')?.name;
  const iife = get(declarator?.init, 'CallExpression');
  const inner = get(iife?.callee, 'ArrowFunctionExpression');
  const innerBody = get(inner?.body, 'BlockStatement');
  const assignSrc = assign ? code.slice(assign.start, assign.end).replace(/\s+/g, '') : '';
  if (
    statements.length !== 3 ||
    typeof globalName !== 'string' ||
    !innerBody ||
    (Array.isArray(iife?.arguments) && iife.arguments.length > 0) ||
    assignSrc !== `window.${globalName}=${globalName};` ||
    !get(ret, 'ReturnStatement') ||
    get(ret?.argument, 'Identifier')?.name !== globalName
  ) {
    return fail('the factory is not `var Plotly = (() => {…})(); window.Plotly = Plotly; return Plotly`');
  }

  if (usesOuterThis(factoryBody)) return fail('the factory uses `this` or `arguments` of the UMD wrapper');

  // the esbuild module list: wrappers, helpers, hoisted functions, then `return require_entry();`
  const top = (Array.isArray(innerBody.body) ? innerBody.body : []).filter(isNode);
  const last = top[top.length - 1];
  const entryCall = get(last?.type === 'ReturnStatement' ? last.argument : null, 'CallExpression');
  const entry = get(entryCall?.callee, 'Identifier')?.name;
  if (!last || typeof entry !== 'string' || (Array.isArray(entryCall?.arguments) && entryCall.arguments.length > 0)) {
    return fail('the bundle does not end with `return require_entry();`');
  }

  const wrappers: { name: string; body: AstNode; property: AstNode }[] = [];
  const helpers = new Map<string, string>();
  const loose: AstNode[] = []; // statements outside the wrappers (helpers, hoisted functions…)
  for (const stmt of top.slice(0, -1)) {
    const decls = stmt.type === 'VariableDeclaration' && Array.isArray(stmt.declarations) ? stmt.declarations.filter(isNode) : [];
    const d = decls.length === 1 ? decls[0] : null;
    const name = get(d?.id, 'Identifier')?.name;
    const init = isNode(d?.init) ? d.init : null;
    const call = get(init, 'CallExpression');
    const helper = get(call?.callee, 'Identifier')?.name;
    const spec = get(Array.isArray(call?.arguments) && call.arguments.length === 1 ? call.arguments[0] : null, 'ObjectExpression');
    const props = Array.isArray(spec?.properties) ? spec.properties : [];
    const property = get(props.length === 1 ? props[0] : null, 'Property');
    const fn = get(property?.value, 'FunctionExpression');
    if (typeof name === 'string' && (helper === '__commonJS' || helper === '__esm') && property && fn) {
      wrappers.push({ name, body: fn, property });
      continue;
    }
    if (typeof name === 'string' && init && name in EXPECTED_HELPERS) helpers.set(name, code.slice(init.start, init.end));
    loose.push(stmt);
  }
  for (const [name, expected] of Object.entries(EXPECTED_HELPERS)) {
    const found = helpers.get(name);
    if (found === undefined) return fail(`no ${name} helper`);
    // a helper that does not cache would evaluate a module twice: only the known one is trusted
    if (helperShape(found) !== helperShape(expected)) return fail(`${name} is not the caching helper this transform knows`);
  }
  const names = new Set(wrappers.map((w) => w.name));
  if (!names.has(entry)) return fail(`the entry ${entry} is not a module wrapper`);
  if (names.size !== wrappers.length) return fail('a wrapper name is declared twice');

  const allEdges = new Map<string, Set<string>>();
  const sureEdges = new Map<string, Set<string>>();
  for (const w of wrappers) {
    const all = new Set<string>();
    const sure = new Set<string>();
    scanBody(w.body, names, false, all, sure); // the method itself: its body block is walked as sure
    const block = get(w.body.body, 'BlockStatement');
    if (block) scanBody(block, names, true, new Set(), sure);
    all.delete(w.name);
    sure.delete(w.name);
    allEdges.set(w.name, all);
    sureEdges.set(w.name, sure);
  }
  // Wrappers referenced outside any wrapper (from hoisted functions, called who knows when):
  // left to whoever calls them.
  const outside = new Set<string>();
  for (const stmt of loose) scanBody(stmt, names, false, outside, new Set());

  // what the entry evaluates whatever happens
  const reached = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length > 0) {
    const m = todo.pop() as string;
    for (const d of sureEdges.get(m) ?? []) {
      if (!reached.has(d)) {
        reached.add(d);
        todo.push(d);
      }
    }
  }
  const cyclic = cycleMembers(allEdges);
  const steps = wrappers.map((w) => w.name).filter((n) => n !== entry && reached.has(n) && !cyclic.has(n) && !outside.has(n));
  if (steps.length === 0) return fail('no module can be evaluated ahead of the entry');

  // `"path"(exports, module) {…}` becomes `"path": (function (exports, module) {…})`: V8 compiles
  // a parenthesized function eagerly, with the rest of the chunk, off the main thread (module
  // scripts are streamed), instead of lazily on first call — most of a step's time (a 1.4 MB
  // body takes ~40 ms to parse on the main thread). Only for steps: they all run anyway. The
  // minifier keeps such parentheses. A plain function behaves like the method when called as
  // `(0, fn)(…)` (the helpers' call), and no body uses `super`.
  const stepSet = new Set(steps);
  const edits: { start: number; end: number; text: string }[] = [];
  for (const w of wrappers) {
    const key = isNode(w.property.key) ? w.property.key : null;
    const block = get(w.body.body, 'BlockStatement');
    const params = key && block ? code.slice(key.end, block.start) : '';
    if (!stepSet.has(w.name) || !key || !block || w.property.start !== key.start || w.property.method !== true || w.body.async || w.body.generator || !/^\s*\([^{}]*\)\s*$/.test(params)) continue;
    edits.push({ start: key.end, end: block.start, text: `: (function ${params.trim()} ` });
    edits.push({ start: block.end, end: block.end, text: ')' });
  }
  let factoryText = '';
  let at = factoryBody.start;
  for (const e of edits) {
    factoryText += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  factoryText += code.slice(at, last.start);

  const exportName = '__plotlyStepwise';
  const out =
    code.slice(0, umd.start) +
    `const ${exportName} = (function () ` +
    factoryText +
    // the entry's modules, to be called ahead of it (several per line keeps the chunk compact)
    `return { steps: [${steps.join(', ')}], entry: ${entry} };\n` +
    code.slice(last.end, assign?.start) +
    code.slice(assign?.end, factoryBody.end) +
    ')();' +
    code.slice(umd.end) +
    `\nexport const steps = ${exportName}.steps;\n` +
    `export function finish() {\n  const ${globalName} = ${exportName}.entry();\n  window.${globalName} = ${globalName};\n  return ${globalName};\n}\n` +
    // The dev server still takes the file for CommonJS (it was one) and hands importers only its
    // default export: the same two members there.
    `export default { steps, finish };\n`;
  return { ok: true, code: out, steps: steps.length, modules: wrappers.length };
}
