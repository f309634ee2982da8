/**
 * The one place where the ribbon commands meet the engine facade (src/core/engine.ts: detectSheets,
 * consolidate, validate). The facade is written in parallel; until it is bound here, a command says in words
 * that the engine is missing (on the "Kiểm tra" tab) instead of doing nothing.
 */
import type { Engine } from "./ribbon";

export class EngineMissingError extends Error {
  constructor() {
    super("engine not bound (src/commands/engine-binding.ts) / chưa gắn bộ xử lý");
    this.name = "EngineMissingError";
  }
}

export function engine(): Engine {
  const missing = (): never => {
    throw new EngineMissingError();
  };
  return { consolidate: missing, validate: missing };
}
