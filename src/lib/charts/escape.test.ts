import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeTemplate } from './escape';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<img src=x onerror=alert(1)>`)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a & b "c" 'd'`)).toBe('a &amp; b &#34;c&#34; &#39;d&#39;');
  });

  it('escapes & first, so existing entities are shown literally', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('leaves ordinary text, unicode and Plotly tags written by us alone', () => {
    expect(escapeHtml('dst_host_srv_rerror_rate')).toBe('dst_host_srv_rerror_rate');
    expect(escapeHtml('Größe µ ±')).toBe('Größe µ ±');
    expect(escapeHtml('__proto__')).toBe('__proto__');
  });

  it('is injective on distinct inputs (no two names collapse into one label)', () => {
    const inputs = ['&', '&amp;', '<', '&lt;', '"', '&#34;'];
    expect(new Set(inputs.map(escapeHtml)).size).toBe(inputs.length);
  });

  it('escapeTemplate also neutralises %{…} so a name is not substituted', () => {
    expect(escapeTemplate('%{x} <b>')).toBe('&#37;{x} &lt;b&gt;');
    expect(escapeTemplate('%{x}')).not.toMatch(/%\{/);
  });
});
