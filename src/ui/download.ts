/**
 * Saves a Blob as a file. The CSP allows `blob:` for images and workers only, so the data never
 * goes through `fetch`: an `<a download href="blob:…">` click is a navigation the browser turns
 * into a download. The URL is revoked once the click has been handled (revoking at once can
 * cancel the download).
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
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

export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type: mime }), fileName);
}
