/**
 * Saves text as a file. The CSP allows `blob:` for images and workers only, so the data never
 * goes through `fetch`: an `<a download href="blob:…">` click is a navigation the browser turns
 * into a download. The URL is revoked once the click has been handled.
 */
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name made from user text: letters, digits, `.`, `-`, `_` only. */
export function safeFileName(base: string, fallback = 'data'): string {
  const cleaned = base
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 80);
  return cleaned || fallback;
}
