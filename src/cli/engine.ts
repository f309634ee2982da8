/** The real engine behind the command: consolidation and validation of workbooks, claims in text files. */
import { buildIssuesSheet } from "../core/checks";
import { checkText, decodeText, encodingIssue } from "../core/claims";
import { consolidate, validate } from "../core/engine";
import { Issue } from "../core/issue";
import { Engine, TextInput } from "./run";

function checkTexts(inputs: TextInput[], options: { all: boolean }): { issues: Issue[] } {
  const issues: Issue[] = [];
  for (const input of inputs) {
    const decoded = decodeText(input.bytes);
    // Legacy TCVN3/VNI text converted, or bytes of no known encoding: the user should know.
    const encoding = encodingIssue(decoded, input.file);
    if (encoding) issues.push(encoding);
    issues.push(
      ...checkText(decoded.text, { file: input.file, reportUnverifiable: options.all }).issues
    );
  }
  return { issues };
}

export const realEngine: Engine = {
  consolidate: (workbooks, options) => consolidate(workbooks, options),
  validate: (workbooks, options) => validate(workbooks, options),
  checkText: (inputs, options) => checkTexts(inputs, options),
  issuesSheet: (issues, options) => buildIssuesSheet(issues, options),
};
