/**
 * The data worker's hypothesis methods: thin handlers over hypotheses-compute.ts. The label
 * split (groups and their row indices) is computed once per dataset version.
 */
import { UserError, type Handlers } from './serve';
import { HYPOTHESIS_IDS, type HypothesisMethods, type PanelParams, type Unavailable } from './protocol-hypo';
import { requireDataset } from './dataset';
import { panel, prepare, screen, testColumn, type Prepared } from './hypotheses-compute';

let cache: { version: number; prepared: Prepared | Unavailable } | null = null;

function prepared(): Prepared | Unavailable {
  const d = requireDataset();
  if (cache?.version !== d.version) {
    cache = { version: d.version, prepared: prepare({ table: d.parsed.table, schema: d.parsed.schema, label: d.label }) };
  }
  return cache.prepared;
}

/** Boundary check: the envelope validator knows the method, not the shape of its params. */
function checkPanelParams(params: PanelParams): void {
  if (!(HYPOTHESIS_IDS as readonly unknown[]).includes(params?.id)) throw new UserError('Unknown hypothesis panel.', 'bad-request');
  if ((params.id === 'chi2-protocol_type' || params.id === 'chi2-service') && typeof params.mergeRare !== 'boolean') {
    throw new UserError('mergeRare must be true or false.', 'bad-request');
  }
}

const isUnavailable = (p: Prepared | Unavailable): p is Unavailable => 'kind' in p && p.kind === 'unavailable';

export const hypothesisHandlers: Handlers<HypothesisMethods> = {
  'hypotheses.panel'(params) {
    checkPanelParams(params);
    const p = prepared();
    return isUnavailable(p) ? { ...p, id: params.id } : panel(p, params);
  },
  'hypotheses.screen'() {
    const p = prepared();
    return isUnavailable(p) ? p : screen(p);
  },
  'hypotheses.test'(params) {
    const column: unknown = params?.column;
    if (typeof column !== 'string') throw new UserError('Name a column to test.', 'bad-request');
    const p = prepared();
    return isUnavailable(p) ? p : testColumn(p, column);
  },
};
