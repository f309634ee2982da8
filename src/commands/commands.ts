/**
 * The function file behind the ribbon buttons "Tổng hợp" and "Kiểm tra" (manifest.xml, ExecuteFunction).
 * Office loads commands.html and calls these functions by the names registered below.
 */
import { officeChecker } from "../excel/requirements";
import { engine } from "./engine-binding";
import { CommandDeps, CommandKind, handleRibbon } from "./ribbon";

function deps(): CommandDeps {
  const lang = /^vi/i.test(Office.context?.displayLanguage ?? "vi") ? "vi" : "en";
  return { run: (batch) => Excel.run(batch), engine: engine(), check: officeChecker(), lang };
}

function command(kind: CommandKind) {
  return async (event: Office.AddinCommands.Event): Promise<void> => {
    try {
      await handleRibbon(event, kind, deps());
    } catch (err) {
      // Only reached when Office itself is missing (deps() threw); the event must still complete.
      console.error(err);
      event.completed();
    }
  };
}

const consolidateWorkbook = command("consolidate");
const validateWorkbook = command("validate");

Office.onReady(() => {
  // Nothing to prepare: each command reads the workbook afresh.
});

// Hosts that know Office.actions look functions up there; older ones look for globals of the same name.
if (typeof Office !== "undefined" && Office.actions) {
  Office.actions.associate("consolidateWorkbook", consolidateWorkbook);
  Office.actions.associate("validateWorkbook", validateWorkbook);
}
const g = globalThis as unknown as Record<string, unknown>;
g.consolidateWorkbook = consolidateWorkbook;
g.validateWorkbook = validateWorkbook;
