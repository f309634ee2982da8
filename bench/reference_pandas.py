#!/usr/bin/env python3
"""The benchmark's reference: what a data-savvy clerk writes with pandas and openpyxl to add up unit reports.

Reads every .xlsx in the given folders (or files), every sheet, finds the header row (the one with
"Chỉ tiêu"), takes the count column ("Số lượng", or the first measure "Tổng số ..."), and sums it by label
over all units. It only reads and sums: no validation, no percentages, no output workbook.

Usage: reference_pandas.py [--json OUT] PATH...   (prints units, labels and the grand total)
"""
import glob
import json
import os
import sys

import pandas as pd


def files_of(paths):
    for p in paths:
        if os.path.isdir(p):
            yield from sorted(glob.glob(os.path.join(p, "**", "*.xlsx"), recursive=True))
        else:
            yield p


def count_column(header):
    cells = [str(h).strip() if isinstance(h, str) else "" for h in header]
    for i, h in enumerate(cells):
        if h == "Số lượng":
            return i
    for i, h in enumerate(cells):
        if h.startswith("Tổng số"):
            return i
    return None


def sheet_counts(df):
    """(label, count) pairs of one unit sheet read with header=None."""
    for r in range(min(len(df), 40)):
        row = list(df.iloc[r])
        if "Chỉ tiêu" in [str(x).strip() for x in row]:
            label_col = [str(x).strip() for x in row].index("Chỉ tiêu")
            col = count_column(row)
            if col is None:
                return None
            body = df.iloc[r + 1 :, [label_col, col]]
            body.columns = ["label", "count"]
            body = body.dropna(subset=["label"])
            body["count"] = pd.to_numeric(body["count"], errors="coerce")
            return body.dropna(subset=["count"])
    return None


def main(argv):
    out = None
    if argv[:1] == ["--json"]:
        out, argv = argv[1], argv[2:]
    parts = []
    units = 0
    for f in files_of(argv):
        sheets = pd.read_excel(f, sheet_name=None, header=None, engine="openpyxl")
        for df in sheets.values():
            counts = sheet_counts(df)
            if counts is not None:
                parts.append(counts)
                units += 1
    totals = pd.concat(parts).groupby("label", sort=False)["count"].sum() if parts else pd.Series()
    print(f"{units} units, {len(totals)} labels, total {totals.sum():.0f}")
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump({"units": units, "totals": {k: float(v) for k, v in totals.items()}}, fh, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
