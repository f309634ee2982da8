/**
 * The one place where the ribbon commands meet the engine facade (src/core/engine.ts), so that tests can
 * run the commands with a stand-in and the function file has a single import of the engine.
 */
import * as facade from "../core/engine";
import type { Engine } from "./ribbon";

export function engine(): Engine {
  return facade;
}
