#!/usr/bin/env python3
"""Independent oracle for the real-data end-to-end tests (tests/e2e/real_data_test.cpp).

Written from SPEC 3.1-3.3 with Python's csv module and exact Decimal, sharing
no code with abcgrade. It prints, per customer, amount, frequency (distinct
order ids), profit, the pareto and percentile grades and the cumulative share,
plus the row accounting, so that the C++ tests can hard-code a few customers.

  python3 oracle.py superstore   # superstore/superstore.csv, customer = Customer Name
  python3 oracle.py retail       # online-retail/2010-12-0{1,2,3}.csv, amount = Quantity x UnitPrice
"""
import csv
import sys
from decimal import Decimal, ROUND_HALF_UP
from math import ceil
from pathlib import Path

HERE = Path(__file__).parent


def money(text):
    t = text.strip().replace(",", "")
    neg = t.startswith("-")
    t = t.lstrip("-").lstrip("$")
    return -Decimal(t) if neg else Decimal(t)


def grade(customers):
    ranked = sorted(customers.items(), key=lambda kv: (-kv[1]["amount"], kv[0].encode()))
    total = sum(c["amount"] for _, c in ranked if c["amount"] > 0)
    n = len(ranked)
    n_a, n_c = ceil(n * 20 / 100), ceil(n * 20 / 100)
    before, running, out, prev = Decimal(0), Decimal(0), [], None
    for pos, (cid, c) in enumerate(ranked, 1):
        v = c["amount"]
        if prev is not None and v == prev["amount"]:
            p, q = prev["pareto"], prev["percentile"]
        else:
            p = "C" if v <= 0 else ("A" if before * 100 < 80 * total else "B" if before * 100 < 95 * total else "C")
            q = "A" if pos <= n_a else ("C" if pos > n - n_c else "B")
        if v > 0:
            before += v
            running += v
        row = dict(c, id=cid, rank=pos, pareto=p, percentile=q,
                   cum=(running / total).quantize(Decimal("0.000001"), ROUND_HALF_UP))
        out.append(row)
        prev = row
    return out


def superstore():
    customers = {}
    with open(HERE / "superstore" / "superstore.csv", newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            c = customers.setdefault(r["Customer Name"].strip(),
                                     {"amount": Decimal(0), "profit": Decimal(0), "orders": set()})
            c["amount"] += money(r["Sales"])
            c["profit"] += money(r["Profit"])
            c["orders"].add(r["Order ID"])
    return customers, None


def retail():
    customers, read, rejected = {}, 0, 0
    for day in ("01", "02", "03"):
        with open(HERE / "online-retail" / f"2010-12-{day}.csv", newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                read += 1
                cid = r["CustomerID"].strip()
                if not cid:
                    rejected += 1
                    continue
                c = customers.setdefault(cid, {"amount": Decimal(0), "profit": Decimal(0), "orders": set()})
                c["amount"] += Decimal(r["Quantity"]) * Decimal(r["UnitPrice"])
                c["orders"].add(r["InvoiceNo"].strip())
    return customers, (read, rejected)


def main():
    customers, accounting = {"superstore": superstore, "retail": retail}[sys.argv[1]]()
    rows = grade(customers)
    counts = {g: sum(1 for r in rows if r["pareto"] == g) for g in "ABC"}
    print("customers", len(rows), "pareto", counts)
    if accounting:
        print("read", accounting[0], "rejected", accounting[1], "used", accounting[0] - accounting[1])
    for r in rows:
        print(r["rank"], r["id"], r["amount"], len(r["orders"]), r["profit"], r["pareto"], r["percentile"], r["cum"])


main()
