/**
 * In a plain browser the pane needs nothing from anywhere else, so it says so to the browser: a Content
 * Security Policy added once the page knows Office is not hosting it (Office.js and its host frames would
 * need other origins, so the policy is not in the HTML). Fetches, scripts, styles, images, frames and form
 * posts to other origins are then refused by the browser itself, and inline scripts never run.
 */
export const BROWSER_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // No inline styles either: the pane's look is all in taskpane.css, its states are classes.
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export function lockToOrigin(doc: Document): void {
  const meta = doc.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = BROWSER_POLICY;
  doc.head.prepend(meta);
}
