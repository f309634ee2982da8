/**
 * Takes the user to a cell: activates its sheet and selects it (the task pane's issue list and the links of
 * the issues tab lead here). Two syncs: one to learn whether the sheet still exists, one to move.
 */
export async function selectCell(
  context: Excel.RequestContext,
  sheet: string,
  cell: string
): Promise<boolean> {
  const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
  ws.load("name");
  await context.sync();
  if (ws.isNullObject) return false;
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
  return true;
}
