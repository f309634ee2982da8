/**
 * Workbooks built from raw XML parts, for what ExcelJS will not write: styles of every kind (gradient fills,
 * diagonal borders, rotated text, escaped number formats), rich and phonetic shared strings, 1904 dates.
 */
import { strToU8, zipSync } from "fflate";

/** A package from raw parts, with the content types and relationships every workbook needs. */
export function rawXlsx(parts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    ),
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files, { level: 1 });
}

export const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A workbook of raw sheets (sheetData inside), with styles, shared strings and more parts as given. */
export function book(options: {
  sheets: { name: string; xml: string; state?: string }[];
  styles?: string;
  sst?: string;
  workbookPr?: string;
  definedNames?: string;
  extra?: Record<string, string>;
}): Uint8Array {
  const parts: Record<string, string> = {
    "xl/workbook.xml": `<workbook ${NS}>${options.workbookPr ?? ""}<sheets>${options.sheets
      .map(
        (s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`
      )
      .join("")}</sheets>${options.definedNames ?? ""}</workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${options.sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
      )
      .join("")}</Relationships>`,
  };
  options.sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] = `<worksheet ${NS}>${s.xml}</worksheet>`;
  });
  Object.assign(parts, options.extra ?? {});
  if (options.styles) parts["xl/styles.xml"] = `<styleSheet ${NS}>${options.styles}</styleSheet>`;
  if (options.sst) parts["xl/sharedStrings.xml"] = `<sst ${NS}>${options.sst}</sst>`;
  return rawXlsx(parts);
}

/** Styles of a handful of kinds: dates, percentages, escaped codes, fonts, fills, borders, alignment. */
export const STYLES =
  `<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0\\ &quot;người&quot;"/><numFmt numFmtId="166" formatCode="[Red]0.0%"/></numFmts>` +
  `<fonts count="4"><font><sz val="13"/><color theme="1"/><name val="Times New Roman"/><family val="1"/><charset val="163"/></font>` +
  `<font><b/><i val="0"/><u val="double"/><sz val="12.5"/><color rgb="FFFF0000"/><name val=".VnTime"/><vertAlign val="superscript"/></font>` +
  `<font><strike/><sz val="11"/><color indexed="10"/><name val="VNI-Times"/><scheme val="minor"/></font>` +
  `<font><sz val="10"/><color theme="4" tint="-0.249977111117893"/><name val="Arial"/></font></fonts>` +
  `<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill>` +
  `<fill><gradientFill degree="90"><stop position="0"><color theme="0"/></stop><stop position="1"><color rgb="FF4472C4"/></stop></gradientFill></fill></fills>` +
  `<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>` +
  `<border><left style="thin"><color indexed="64"/></left><right style="medium"/><top style="thin"><color auto="1"/></top><bottom style="double"><color rgb="FF00FF00"/></bottom><diagonal/></border>` +
  `<border diagonalUp="1"><left/><right/><top/><bottom/><diagonal style="thin"><color rgb="FF000000"/></diagonal></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="14" fontId="1" fillId="2" borderId="0" xfId="0"/>` +
  `<xf numFmtId="165" fontId="2" fillId="3" borderId="2" xfId="0"><alignment horizontal="center" vertical="center" wrapText="1" indent="0" textRotation="135"/></xf>` +
  `<xf numFmtId="10" fontId="3" fillId="0" borderId="0" xfId="0"><alignment readingOrder="2" shrinkToFit="0"/></xf>` +
  `<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0"/>` +
  `<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0"><protection locked="0"/></xf>` +
  `<xf numFmtId="166" fontId="0" fillId="2" borderId="0" xfId="0"/>` +
  `<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0"><alignment/></xf></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><b/></font></dxf></dxfs>`;

export const SST =
  `<si><t>Tổng số đảng viên</t></si>` +
  `<si><r><rPr><b/><sz val="13"/><rFont val="Times New Roman"/></rPr><t xml:space="preserve">Trong </t></r><r><t>đó:</t></r></si>` +
  `<si><t>dòng 1_x000D_
dòng 2 &amp; &lt;3&gt; &#7843;</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>` +
  `<si><t/></si>` +
  `<si><t>  giữ khoảng trắng  </t></si>` +
  `<si><r><t>Chỉ một đoạn</t></r></si>`;
