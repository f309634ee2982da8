/**
 * `npm run bench`: the engine on 1000 generated unit sheets × 40 rows × 6 measures (see engine.ts);
 * `npm run bench -- 1000 220` for about two million cells, NO_CHECKS=1 to time understanding and
 * consolidation alone.
 */
import "./engine";
