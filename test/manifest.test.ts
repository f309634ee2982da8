import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  associatedNames,
  checkBasics,
  checkFunctions,
  checkHttps,
  checkIcons,
  checkManifest,
  checkOrder,
  checkResids,
  checkRibbon,
  parseXml,
  XmlNode,
} from "../scripts/check-manifest";

const dir = join(__dirname, "..");
const manifest = readFileSync(join(dir, "manifest.xml"), "utf8");
const commands = readFileSync(join(dir, "src", "commands", "commands.ts"), "utf8");

/** The manifest with one text replaced; fails loudly if the text is not there (so the case stays real). */
function broken(from: string | RegExp, to: string): XmlNode {
  const xml = manifest.replace(from, to);
  assert.notEqual(xml, manifest, `mutation ${String(from)} did not apply`);
  return parseXml(xml);
}

/** Moves the first element named `a` (with its content) to just before the first element named `b`. */
function moveBefore(a: string, b: string): XmlNode {
  const m = new RegExp(`\\s*<${a}\\b(?:[^>]*/>|[^>]*>[\\s\\S]*?</${a}>)`).exec(manifest);
  assert.ok(m, `no <${a}>`);
  const without = manifest.replace(m[0], "");
  const at = without.indexOf(`<${b}`);
  assert.ok(at > 0, `no <${b}>`);
  return parseXml(without.slice(0, at) + m[0].trim() + "\n" + without.slice(at));
}

describe("manifest.xml, checked offline", () => {
  it("passes every check", () => {
    assert.deepEqual(checkManifest(manifest, dir, commands), []);
  });

  it("declares the lowest ExcelApi set the add-in needs: 1.4", () => {
    const set = parseXml(manifest)
      .children.find((c) => c.name === "Requirements")!
      .children[0].children.find((c) => c.name === "Set")!;
    assert.deepEqual(set.attrs, { Name: "ExcelApi", MinVersion: "1.4" });
  });

  describe("each check catches a broken manifest", () => {
    const cases: {
      name: string;
      check: (root: XmlNode) => string[];
      root: () => XmlNode;
      expect: RegExp;
    }[] = [
      {
        name: "OfficeApp children out of schema order",
        check: checkOrder,
        root: () => moveBefore("Permissions", "DefaultSettings"),
        expect: /OfficeApp: <DefaultSettings> must come before <Permissions>/,
      },
      {
        name: "Requirements after DefaultSettings",
        check: checkOrder,
        root: () => moveBefore("DefaultSettings", "Requirements"),
        expect: /OfficeApp: <Requirements> must come before <DefaultSettings>/,
      },
      {
        name: "a button's Icon before its Supertip",
        check: checkOrder,
        root: () => moveBefore("Icon", "Supertip"),
        expect: /must come before/,
      },
      {
        name: "a required element missing",
        check: checkOrder,
        root: () => broken(/\s*<ProviderName>.*<\/ProviderName>/, ""),
        expect: /missing <ProviderName>/,
      },
      {
        name: "a resid with no resource",
        check: checkResids,
        root: () =>
          broken('<Description resid="Validate.Tooltip"/>', '<Description resid="Validate.Tip"/>'),
        expect: /"Validate.Tip" on <Description> has no resource/,
      },
      {
        name: "a label pointing at a long string",
        check: checkResids,
        root: () => broken('<Label resid="Validate.Label"/>', '<Label resid="Validate.Tooltip"/>'),
        expect: /names a LongStrings resource, not ShortStrings/,
      },
      {
        name: "an http URL",
        check: checkHttps,
        root: () =>
          broken('"https://localhost:3000/commands.html"', '"http://localhost:3000/commands.html"'),
        expect: /not https: http:\/\/localhost:3000\/commands.html/,
      },
      {
        name: "an icon file that does not exist",
        check: (r) => checkIcons(r, dir),
        root: () => broken("assets/pane-80.png", "assets/pane-96.png"),
        expect: /icon file missing: .*pane-96.png/,
      },
      {
        name: "an icon declared at the wrong size",
        check: (r) => checkIcons(r, dir),
        root: () =>
          broken(
            '<bt:Image size="80" resid="Check.80x80"/>',
            '<bt:Image size="80" resid="Check.64x64"/>'
          ),
        expect: /declared 80px but .*check-64.png is 64×64/,
      },
      {
        name: "an ExecuteFunction the commands code does not register",
        check: (r) => checkFunctions(r, commands),
        root: () =>
          broken(
            "<FunctionName>validateWorkbook</FunctionName>",
            "<FunctionName>checkWorkbook</FunctionName>"
          ),
        expect: /"checkWorkbook" is not registered/,
      },
      {
        name: "a button missing",
        check: checkRibbon,
        root: () =>
          broken(/<Control xsi:type="Button" id="TongHop.Validate">[\s\S]*?<\/Control>/, ""),
        expect: /no button labelled “Kiểm tra”/,
      },
      {
        name: "a button without its English label",
        check: checkRibbon,
        root: () => broken('<bt:Override Locale="en-US" Value="Open the pane"/>', ""),
        expect: /“Mở bảng điều khiển” has no en-US label/,
      },
      {
        name: "the pane button running a function instead",
        check: checkRibbon,
        root: () =>
          broken('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ExecuteFunction">'),
        expect: /“Mở bảng điều khiển” is not ShowTaskpane/,
      },
      {
        name: "a manifest for Word",
        check: checkBasics,
        root: () => broken('<Host Name="Workbook"/>', '<Host Name="Document"/>'),
        expect: /Hosts should be Workbook only, found Document/,
      },
      {
        name: "read-only permission",
        check: checkBasics,
        root: () =>
          broken(
            "<Permissions>ReadWriteDocument</Permissions>",
            "<Permissions>ReadDocument</Permissions>"
          ),
        expect: /Permissions is not ReadWriteDocument/,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const problems = c.check(c.root());
        assert.ok(
          problems.some((p) => c.expect.test(p)),
          `expected ${c.expect} in ${JSON.stringify(problems)}`
        );
      });
    }
  });

  it("finds the functions commands.ts registers, and only those", () => {
    assert.deepEqual(associatedNames(commands).sort(), ["consolidateWorkbook", "validateWorkbook"]);
    const source = commands.replace(/Office\.actions\.associate\("validateWorkbook"[^)]*\);/, "");
    assert.deepEqual(checkFunctions(parseXml(manifest), source), [
      'ExecuteFunction "validateWorkbook" is not registered with Office.actions.associate',
    ]);
  });
});
