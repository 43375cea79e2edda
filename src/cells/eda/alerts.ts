/** How the overview names and orders its alerts (the worker writes each alert's sentence). */
import type { EdaAlert, EdaAlertKind } from '../../../workers/protocol-eda';

export const ALERT_LABELS: ReadonlyMap<EdaAlertKind, string> = new Map<EdaAlertKind, string>([
  ['duplicates', 'Duplicates'],
  ['imbalance', 'Imbalance'],
  ['missing', 'Missing'],
  ['infinite', 'Infinite'],
  ['constant', 'Constant'],
  ['high-cardinality', 'High cardinality'],
  ['skewed', 'Skewed'],
  ['zeros', 'Zeros'],
  ['correlated', 'High correlation'],
]);

/** Kinds present with their counts, in the order above. */
export function alertSummary(alerts: readonly EdaAlert[]): { kind: EdaAlertKind; label: string; count: number }[] {
  const out: { kind: EdaAlertKind; label: string; count: number }[] = [];
  for (const [kind, label] of ALERT_LABELS) {
    const count = alerts.filter((a) => a.kind === kind).length;
    if (count > 0) out.push({ kind, label, count });
  }
  return out;
}
