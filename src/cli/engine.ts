/** The real engine behind the command: consolidation and validation of workbooks, claims in text files. */
import { checkText, decodeText } from "../core/claims";
import { consolidate, validate } from "../core/engine";
import { Issue, makeIssue } from "../core/issue";
import { CLI_RULES } from "./cli-rules";
import { Engine, TextInput } from "./run";

function checkTexts(inputs: TextInput[], options: { all: boolean }): { issues: Issue[] } {
  const issues: Issue[] = [];
  for (const input of inputs) {
    const decoded = decodeText(input.bytes);
    if (decoded.note) {
      // Legacy TCVN3/VNI text was converted: say so, in the decoder's own words.
      const base = makeIssue(CLI_RULES.decoded, { messageId: "default" }, { file: input.file });
      issues.push({ ...base, message: decoded.note });
    }
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
};
