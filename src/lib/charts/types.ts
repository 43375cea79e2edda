/**
 * The small subset of Plotly's figure schema our builders emit. Local on purpose: builders are
 * pure data → JSON and must not pull Plotly's (large) type tree into every importer; see
 * https://plotly.com/javascript/reference/ for the meaning of each field.
 *
 * Every string that can reach the page (titles, tick text, names, labels, hover templates,
 * annotations) is rendered by Plotly as a subset of HTML: builders pass user strings through
 * `escapeHtml` (escape.ts) before they land in any of these fields.
 */

export interface Font {
  readonly size?: number;
  readonly color?: string;
  readonly family?: string;
}

export interface Title {
  readonly text: string;
  readonly font?: Font;
  readonly x?: number;
  readonly xanchor?: 'auto' | 'left' | 'center' | 'right';
}

export interface Axis {
  readonly title?: Title;
  readonly type?: '-' | 'linear' | 'log' | 'category';
  readonly tickvals?: readonly number[];
  readonly ticktext?: readonly string[];
  readonly tickangle?: number;
  readonly tickformat?: string;
  readonly exponentformat?: 'none' | 'e' | 'E' | 'power' | 'SI' | 'B';
  readonly autorange?: boolean | 'reversed';
  readonly range?: readonly number[];
  readonly automargin?: boolean;
  readonly domain?: readonly [number, number];
  readonly anchor?: string;
  readonly zeroline?: boolean;
  readonly showgrid?: boolean;
  readonly rangemode?: 'normal' | 'tozero' | 'nonnegative';
  readonly scaleanchor?: string;
  readonly constrain?: 'range' | 'domain';
  /** What happens to tick labels past the plot: see `axis()` in theme.ts for why ours is 'allow'. */
  readonly ticklabeloverflow?: 'allow' | 'hide past div' | 'hide past domain';
}

export interface Marker {
  readonly color?: string | readonly string[];
  readonly size?: number;
  /** One for the trace, or one per point. */
  readonly opacity?: number | readonly number[];
  readonly line?: { readonly color?: string; readonly width?: number };
  readonly colors?: readonly string[];
}

interface TraceBase {
  readonly name?: string;
  readonly showlegend?: boolean;
  readonly legendgroup?: string;
  readonly hovertemplate?: string;
  readonly hoverinfo?: string;
  readonly hoverlabel?: { readonly bgcolor?: string };
  readonly opacity?: number;
  readonly xaxis?: string;
  readonly yaxis?: string;
}

/** A data column: numbers (NaN → null) or already-escaped strings. */
export type Datum = number | string | null;

export interface BarTrace extends TraceBase {
  readonly type: 'bar';
  readonly x: readonly Datum[];
  readonly y: readonly Datum[];
  readonly width?: readonly number[] | number;
  readonly orientation?: 'v' | 'h';
  readonly marker?: Marker;
  readonly customdata?: readonly (Datum | readonly Datum[])[];
  readonly text?: readonly string[];
  readonly textposition?: 'inside' | 'outside' | 'auto' | 'none';
}

export interface ScatterTrace extends TraceBase {
  readonly type: 'scatter' | 'scattergl';
  /** 'none': computed (hover, legend) but not drawn; see point-layer.ts. */
  readonly mode: 'markers' | 'lines' | 'lines+markers' | 'none';
  readonly x: readonly Datum[];
  readonly y: readonly Datum[];
  readonly marker?: Marker;
  readonly line?: { readonly color?: string; readonly width?: number; readonly shape?: 'linear' | 'hv' };
  readonly customdata?: readonly (Datum | readonly Datum[])[];
  readonly connectgaps?: boolean;
}

export interface PieTrace extends TraceBase {
  readonly type: 'pie';
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly hole?: number;
  readonly sort?: boolean;
  readonly direction?: 'clockwise' | 'counterclockwise';
  readonly textinfo?: string;
  readonly marker?: Marker;
  readonly domain?: { readonly x?: readonly [number, number]; readonly y?: readonly [number, number] };
}

export interface HeatmapTrace extends TraceBase {
  readonly type: 'heatmap';
  readonly z: readonly (readonly (number | null)[])[];
  readonly x: readonly string[];
  readonly y: readonly string[];
  readonly zmin?: number;
  readonly zmax?: number;
  readonly zmid?: number;
  readonly colorscale?: string | readonly (readonly [number, string])[];
  readonly reversescale?: boolean;
  readonly text?: readonly (readonly string[])[];
  readonly texttemplate?: string;
  readonly colorbar?: { readonly title?: Title; readonly ticklabeloverflow?: 'allow' | 'hide past div' | 'hide past domain' };
  readonly xgap?: number;
  readonly ygap?: number;
}

/** A box drawn from precomputed statistics (no raw points are sent). */
export interface BoxTrace extends TraceBase {
  readonly type: 'box';
  readonly x: readonly string[];
  readonly q1: readonly number[];
  readonly median: readonly number[];
  readonly q3: readonly number[];
  readonly lowerfence: readonly number[];
  readonly upperfence: readonly number[];
  readonly mean?: readonly number[];
  readonly boxpoints: false;
  readonly marker?: Marker;
  readonly line?: { readonly color?: string };
  readonly fillcolor?: string;
}

export type Trace = BarTrace | ScatterTrace | PieTrace | HeatmapTrace | BoxTrace;

export interface Annotation {
  readonly text: string;
  readonly showarrow: boolean;
  readonly xref?: string;
  readonly yref?: string;
  readonly x?: number;
  readonly y?: number;
  readonly xanchor?: 'auto' | 'left' | 'center' | 'right';
  readonly yanchor?: 'auto' | 'top' | 'middle' | 'bottom';
  readonly font?: Font;
}

export interface Layout {
  readonly title?: Title;
  readonly xaxis?: Axis;
  readonly yaxis?: Axis;
  readonly xaxis2?: Axis;
  readonly yaxis2?: Axis;
  readonly barmode?: 'stack' | 'group' | 'overlay' | 'relative';
  readonly bargap?: number;
  readonly showlegend?: boolean;
  readonly legend?: { readonly orientation?: 'v' | 'h'; readonly x?: number; readonly y?: number; readonly title?: Title };
  readonly margin?: { readonly l?: number; readonly r?: number; readonly t?: number; readonly b?: number };
  readonly hovermode?: 'closest' | 'x' | 'y' | 'x unified' | false;
  readonly annotations?: readonly Annotation[];
  readonly height?: number;
  readonly autosize?: boolean;
  readonly boxmode?: 'group' | 'overlay';
}

export interface Figure {
  readonly data: readonly Trace[];
  readonly layout: Layout;
}
