#!/usr/bin/python3
"""Describe an xlsx workbook, as read by openpyxl (an independent reader),
as `key=value` lines for tests/e2e/xlsx_test.cpp to compare:

  sheets=customers,summary
  <sheet>.freeze=A2            <sheet>.autofilter=A1:M11
  <sheet>.width.<col>=12.7     <sheet>.rows=11
  <sheet>.<cell>=<type>|<value>|<number format>|<fill rgb or ->   (every non-empty cell of
                                                                  the first 8 rows, and of rows
                                                                  1-60 on the summary sheet)
  chart.<i>.kind=scatterChart|barChart   chart.<i>.title=...
  chart.<i>.series.<j>=<x or categories ref>;<y or values ref>

usage: xlsx_facts.py FILE.xlsx
"""
import sys

import openpyxl


def cell_text(c):
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else "-"
    value = c.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{c.data_type}|{value}|{c.number_format}|{fill}"


def ref(numref_or_strref):
    if numref_or_strref is None:
        return ""
    for attr in ("numRef", "strRef"):
        r = getattr(numref_or_strref, attr, None)
        if r is not None:
            return r.f
    return ""


def title_text(chart):
    try:
        return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))
    except AttributeError:
        return ""


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    print("sheets=" + ",".join(wb.sheetnames))
    charts = []
    for ws in wb.worksheets:
        name = ws.title
        print(f"{name}.freeze={ws.freeze_panes}")
        print(f"{name}.autofilter={ws.auto_filter.ref}")
        print(f"{name}.rows={ws.max_row}")
        for key, dim in sorted(ws.column_dimensions.items()):
            if dim.width:
                print(f"{name}.width.{key}={round(dim.width, 1)}")
        last = 60 if ws.max_row < 1000 and "汇总" in name or name == "summary" else 8
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, last)):
            for c in row:
                if c.value is not None:
                    print(f"{name}.{c.coordinate}={cell_text(c)}")
        charts.extend(ws._charts)
    for i, ch in enumerate(charts):
        print(f"chart.{i}.kind={ch.tagname}")
        print(f"chart.{i}.title={title_text(ch)}")
        for j, s in enumerate(ch.series):
            x = ref(s.xVal) if getattr(s, "xVal", None) is not None else ref(s.cat)
            y = ref(s.yVal) if getattr(s, "yVal", None) is not None else ref(s.val)
            print(f"chart.{i}.series.{j}={x};{y}")


main()
