/** The real engine behind the command: consolidation and validation of workbooks, claims in text files. */
import { buildIssuesSheet } from "../core/checks";
import { checkText, decodeText, encodingIssue } from "../core/claims";
import { consolidate, validate } from "../core/engine";
import { Issue, RuleMeta } from "../core/issue";
import { FILE_RULE_METAS } from "../xlsx/file-rules";
import { CLI_RULES } from "./cli-rules";
import { Engine, TextInput } from "./run";

/** What the file readers and the command itself report: their rules are described in the counts too. */
const OTHER_METAS: readonly RuleMeta[] = [...FILE_RULE_METAS, ...Object.values(CLI_RULES)];

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
  issuesSheet: (issues, options) => buildIssuesSheet(issues, { ...options, metas: OTHER_METAS }),
};
