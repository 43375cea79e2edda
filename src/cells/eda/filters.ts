/**
 * The EDA filter on the UI side: plain selections (column + chosen values) that travel to the
 * worker, which turns them into a row index. Pure helpers, no Svelte.
 */
import type { EdaFilter, EdaSelection } from '../../../workers/protocol-eda';

/** The selections with `column` set to `values` (an empty list removes the column's selection). */
export function withSelection(selections: readonly EdaSelection[], column: string, values: readonly string[]): EdaSelection[] {
  const rest = selections.filter((s) => s.column !== column);
  return values.length > 0 ? [...rest, { column, values: [...values] }] : rest;
}

export function valuesOf(selections: readonly EdaSelection[], column: string): readonly string[] {
  return selections.find((s) => s.column === column)?.values ?? [];
}

/** Canonical text of the selections: equal filters give equal keys ('' = no filter). */
export function selectionKey(selections: readonly EdaSelection[]): string {
  const parts = selections
    .filter((s) => s.values.length > 0)
    .map((s) => [s.column, [...new Set(s.values)].sort()] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return parts.length === 0 ? '' : JSON.stringify(parts);
}

export function toFilter(selections: readonly EdaSelection[]): EdaFilter {
  return { selections: selections.map((s) => ({ column: s.column, values: [...s.values] })) };
}

/** "protocol_type: icmp, udp · flag: SF" (shown as text). */
export function describeSelections(selections: readonly EdaSelection[], maxValues = 4): string {
  const active = selections.filter((s) => s.values.length > 0);
  if (active.length === 0) return 'no filter';
  return active
    .map((s) => {
      const shown = s.values.slice(0, maxValues).join(', ');
      const more = s.values.length > maxValues ? ` +${s.values.length - maxValues}` : '';
      return `${s.column}: ${shown}${more}`;
    })
    .join(' · ');
}
