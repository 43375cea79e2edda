/**
 * Plotly renders titles, tick labels, legend names, hover text, pie labels and annotations as a
 * subset of HTML (DESIGN §4): a column or category named `<img src=x onerror=…>` must reach the
 * page as text. Every user string goes through `escapeHtml` before it enters a figure.
 *
 * Plotly decodes only some named entities (`&amp; &lt; &gt;` and a few others, not `&quot;`)
 * but every numeric one, so quotes are written as numeric entities; what the user sees is the
 * original string.
 */

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&#34;'],
  ["'", '&#39;'],
]);

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES.get(c) ?? c);
}

/**
 * For a user string placed inside a `hovertemplate` / `texttemplate`: HTML-escaped, and `%`
 * written as `&#37;` so that a name such as `%{y}` is shown, not substituted.
 */
export function escapeTemplate(s: string): string {
  return escapeHtml(s).replace(/%/g, '&#37;');
}
