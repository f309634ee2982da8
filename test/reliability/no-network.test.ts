/**
 * Issue 8, no network: the command runs with every network API of Node made to fail loudly (no-network.js),
 * and the sources hold no way to reach the network other than loading Office.js when Office hosts the pane.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ROOT, assertNoTrace, readReport, tmp, tonghop } from "./run-cli";

const PRELOAD = join(__dirname, "no-network.js");

function nodeWith(code: string, log: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", PRELOAD, "-e", code],
      { env: { ...process.env, TONGHOP_NETWORK_LOG: log }, timeout: 20000 },
      (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stderr })
    );
  });
}

describe("reliability: no network", function () {
  this.timeout(120000);

  describe("the no-network preload refuses each way out (so the runs below can fail)", () => {
    const attempts: [string, string][] = [
      ["http.get", `require("http").get("http://example.com/")`],
      ["https.request", `require("https").request("https://example.com/").end()`],
      ["net.connect", `require("net").connect(80, "example.com")`],
      ["a socket's connect", `new (require("net").Socket)().connect(443, "example.com")`],
      ["tls.connect", `require("tls").connect(443, "example.com")`],
      ["dns.lookup", `require("dns").lookup("example.com", () => {})`],
      ["dns.promises.resolve4", `require("dns").promises.resolve4("example.com")`],
      ["fetch", `fetch("https://example.com/")`],
      ["a UDP socket", `require("dgram").createSocket("udp4")`],
      ["a server", `require("http").createServer().listen(0)`],
      ["net.connect with options", `require("net").connect({ port: 443, host: "example.com" })`],
    ];
    it("but a local pipe (a path, no host) is not the network", async () => {
      const dir = tmp();
      const log = join(dir, "net.log");
      const pipe = join(dir, "p.sock");
      const r = await nodeWith(
        `const s = require("net").connect(${JSON.stringify(pipe)}); s.on("error", () => process.exit(0));`,
        log
      );
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!existsSync(log));
    });

    for (const [name, code] of attempts) {
      it(name, async () => {
        const log = join(tmp(), "net.log");
        const r = await nodeWith(code, log);
        assert.ok(existsSync(log), `${name} was not refused: ${r.stderr}`);
        assert.match(readFileSync(log, "utf8"), /NETWORK USE REFUSED/);
      });
    }
  });

  for (const command of ["consolidate", "validate"] as const) {
    it(`tonghop ${command} over the examples makes no network request`, async () => {
      const dir = tmp();
      const log = join(dir, "net.log");
      const json = join(dir, "r.json");
      const args = [command, "examples", "--json", json];
      if (command === "consolidate") args.push("--out", join(dir, "tong-hop.xlsx"));
      const r = await tonghop(args, { preload: [PRELOAD], env: { TONGHOP_NETWORK_LOG: log } });
      assert.equal(existsSync(log) ? readFileSync(log, "utf8") : "", "");
      assert.ok(!/NETWORK USE REFUSED/.test(r.stderr + r.stdout));
      assertNoTrace(r);
      assert.equal(readReport(json).units.length, 10, "the run did its work");
      if (command === "consolidate") assert.ok(existsSync(join(dir, "tong-hop.xlsx")));
    });
  }

  it("check-text makes no network request either", async () => {
    const dir = tmp();
    const log = join(dir, "net.log");
    const text = join(dir, "bao-cao.txt");
    writeFileSync(
      text,
      "Hiện Đảng bộ có tổng số 5.022 đảng viên, trong đó 2.344 đảng viên (đạt 46,7%) có trình độ lý luận chính trị từ trung cấp trở lên.\n"
    );
    const r = await tonghop(["check-text", text], {
      preload: [PRELOAD],
      env: { TONGHOP_NETWORK_LOG: log },
    });
    assert.ok(!existsSync(log));
    assertNoTrace(r);
    assert.match(r.stdout, /^Kiểm tra văn bản: 1 tệp văn bản\./);
  });
});

/** Every source file of the add-in, the page and the command line. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|js|html)$/.test(name) ? [p] : [];
  });
}

describe("reliability: the sources reach no network", () => {
  const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
  /** Ways to send or fetch anything from a page or from Node. */
  const NETWORK = [
    /\bfetch\s*\(/,
    /\bXMLHttpRequest\b/,
    /\bWebSocket\b/,
    /\bsendBeacon\b/,
    /\bEventSource\b/,
    /\bnew\s+Image\s*\(/,
    /\bimportScripts\b/,
    /\brequire\(\s*["'](node:)?(http|https|http2|net|tls|dgram|dns)["']\s*\)/,
    /\bfrom\s+["'](node:)?(http|https|http2|net|tls|dgram|dns)["']/,
    /\bcreateElement\(\s*["'](script|iframe|img|link)["']/,
    /\bimport\(\s*["'`]https?:/,
  ];
  /** What may load Office.js: the pane, when Office hosts it (commands.html loads it with a script tag). */
  const ALLOWED: Record<string, RegExp> = {
    [join("src", "taskpane", "office-host.ts")]: /^createElement\("script"$/,
  };

  const files = sources(join(ROOT, "src"));

  it("finds the sources to scan", () => {
    assert.ok(files.length > 40, `${files.length} files`);
    assert.ok(files.some((f) => f.endsWith(join("taskpane", "office-host.ts"))));
  });

  it("no fetch, XMLHttpRequest, WebSocket, sendBeacon, Node network module or injected script, but Office.js", () => {
    const found: string[] = [];
    for (const file of files) {
      const rel = relative(ROOT, file);
      const text = readFileSync(file, "utf8");
      for (const re of NETWORK) {
        for (const m of text.matchAll(new RegExp(re.source, "g"))) {
          if (!ALLOWED[rel]?.test(m[0])) found.push(`${rel}: ${m[0]}`);
        }
      }
    }
    assert.deepEqual(found, []);
  });

  it("the only address outside the workbook is Office.js on Microsoft's CDN (namespace names aside)", () => {
    const urls = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>)]+/g)) {
        urls.add(`${relative(ROOT, file).split(sep).join("/")} ${m[0]}`);
      }
    }
    // XML namespace names (SVG, Office Open XML, Dublin Core in docProps/core.xml) are identifiers, never fetched.
    const NAMESPACE =
      /^http:\/\/(www\.w3\.org|schemas\.openxmlformats\.org|schemas\.microsoft\.com|purl\.org\/dc)\//;
    const others = [...urls].filter((u) => {
      const url = u.slice(u.indexOf(" ") + 1);
      return url !== OFFICE_JS && !NAMESPACE.test(url);
    });
    assert.deepEqual(others, []);
  });
});
