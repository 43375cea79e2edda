export { downloadText } from '../../ui/download';

/** A file name made from user text: letters, digits, `.`, `-`, `_` only. */
export function safeFileName(base: string, fallback = 'data'): string {
  const cleaned = base
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 80);
  return cleaned || fallback;
}
