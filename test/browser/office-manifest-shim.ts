/**
 * What office-addin-mock takes from office-addin-manifest (the host names), for the browser harness: the
 * real package reads manifests from disk and cannot be bundled for a page.
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
