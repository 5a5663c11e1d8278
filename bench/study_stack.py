#!/usr/bin/python3
"""The study's own stack, PostgreSQL + pandas, timed from the month CSV files to the modelling table.

The benchmark's reference for the "10x faster than the study's stack" target, measured on the same machine and
files in the same run (bench/studyStackRun.ts runs it). It follows the flow of the study's code in
../shared/study-code/: the table definition (setup.sql) and every SQL query (queries.sql) are read from those
files when this runs, never copied into the project; the pandas work between the queries is written here after
the spec (../shared/seed-spec.md): the whole events table read into pandas as the EDA notebook does first, step 1
read back from the study's UNION query, steps 2-4 as pandas filters, step 5 against the multi-session query,
the cleaned frame written to CSV and copied back as base_data_cleaned, then each feature query read into pandas
and merged per user.

Left out, so the figure is a lower bound of the study's own run: the concatenation of the month files into one
CSV by pandas (data_prep.py; each file is copied as it is instead), the notebook's plots and value counts, and
the wide per-brand table it builds but does not merge.

Usage: study_stack.py --study-code DIR --out CSV FILE...   (PG* environment variables name the server; the
database named by PGDATABASE is used as is, its all_events and base_data_cleaned tables replaced).
Prints one JSON object on stdout: the phases with their wall seconds, the rows after cleaning and the users.
"""
import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time

import pandas as pd
import psycopg2


def fail(message):
    print(f"study_stack.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_statements(path):
    """The SQL statements of a file, comments removed, split on semicolons (the study's files have no strings with ';')."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"--[^\n]*", " ", text)
    # Whitespace folded to single spaces, so a statement is found by its words whatever its line breaks.
    return [" ".join(s.split()) for s in text.split(";") if s.strip()]


def one_statement(statements, where, *needles):
    """The only statement containing every needle (case-insensitive); a clear error if there is not exactly one."""
    found = [s for s in statements if all(n.lower() in s.lower() for n in needles)]
    if len(found) != 1:
        fail(f"{where}: expected one statement with {needles}, found {len(found)}")
    return found[0]


def study_queries(study_code):
    """The study's table definition and queries, picked out of its files by what each one computes."""
    setup_path = os.path.join(study_code, "setup.sql")
    queries_path = os.path.join(study_code, "queries.sql")
    setup = read_statements(setup_path)
    queries = read_statements(queries_path)
    return {
        "create_all_events": one_statement(setup, setup_path, "CREATE TABLE all_events"),
        "first_purchase": one_statement(queries, queries_path, "UNION", "first_purchase_time"),
        "multi_session": one_statement(queries, queries_path, "FROM all_events", "HAVING COUNT(DISTINCT user_session) > 1"),
        "rfm": one_statement(queries, queries_path, "NTILE(5)"),
        "actions": one_statement(queries, queries_path, "AS num_views", "AS adds_to_cart", "FROM base_data_cleaned GROUP BY 1"),
        "add_to_cart": one_statement(queries, queries_path, "add_to_cart_rate"),
        "brand": one_statement(queries, queries_path, "perc_user_views"),
        "time_based": one_statement(queries, queries_path, "avg_days_btw_sessions"),
        "avg_price": one_statement(queries, queries_path, "avg_view_price"),
    }


class Phases:
    """Wall seconds per named phase, in order."""

    def __init__(self):
        self.timings = []
        self.started = time.perf_counter()

    def run(self, name, work):
        t0 = time.perf_counter()
        result = work()
        self.timings.append({"phase": name, "seconds": round(time.perf_counter() - t0, 3)})
        print(f"study stack: {name} {self.timings[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
        return result


def copy_csv(conn, table, path):
    """psql's \\copy of one CSV file with a header row into `table`, through the client as the study did."""
    with conn.cursor() as cur, open(path, encoding="utf-8") as f:
        cur.copy_expert(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", f)
    conn.commit()


def execute(conn, sql):
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.commit()


def read_sql(conn, sql):
    # pandas warns that only SQLAlchemy connections are supported; the study read through psycopg2 directly.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return pd.read_sql(sql, conn)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--study-code", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    for path in args.files:
        if not os.path.isfile(path):
            fail(f"{path}: no such file")
    q = study_queries(args.study_code)
    conn = psycopg2.connect("")
    phases = Phases()

    def load():
        execute(conn, "DROP TABLE IF EXISTS base_data_cleaned; DROP TABLE IF EXISTS all_events")
        execute(conn, q["create_all_events"])
        for path in args.files:
            copy_csv(conn, "all_events", path)

    phases.run("load: COPY of the month files into all_events", load)
    # The EDA notebook starts by reading every event into one frame.
    df = phases.run("read all events into pandas", lambda: read_sql(conn, "SELECT * FROM all_events"))
    raw_rows = len(df)
    # Step 1 replaces it with the UNION's rows (the old frame is alive until the new one is built, as in a notebook).
    df = phases.run("step 1: the UNION query into pandas", lambda: read_sql(conn, q["first_purchase"]))

    def steps_two_to_five(frame):
        # Steps 2-4 are row filters: no category (cosmetics only), a positive price, no removal from cart.
        kept = frame.category_code.isna() & (frame.price > 0) & frame.event_type.isin(["view", "cart", "purchase"])
        multi_session = read_sql(conn, q["multi_session"])
        return frame[kept & frame.user_id.isin(multi_session.user_id)]

    df = phases.run("steps 2-5 in pandas", lambda: steps_two_to_five(df))

    def export_cleaned():
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "base_data_cleaned.csv")
            df.to_csv(path, index=False)
            execute(conn, "CREATE TABLE base_data_cleaned (LIKE all_events)")
            copy_csv(conn, "base_data_cleaned", path)

    phases.run("cleaned frame to CSV and into base_data_cleaned", export_cleaned)

    def features():
        # The target: whether the user has a purchase row (the count itself is dropped before modelling).
        df["purchased"] = (df["event_type"] == "purchase").astype(int)
        by_user = df.groupby("user_id", as_index=False).agg(purchased=("purchased", "sum"))
        by_user["purchased"] = by_user["purchased"].clip(upper=1)
        rfm = read_sql(conn, q["rfm"])
        actions = read_sql(conn, q["actions"])
        add_to_cart = read_sql(conn, q["add_to_cart"])
        brand = read_sql(conn, q["brand"])
        # Each user's largest share of views and of carts over their brands ('other' included).
        max_vals = brand.groupby("user_id", as_index=False).agg(
            max_perc_user_views=("perc_user_views", "max"), max_perc_user_carts=("perc_user_carts", "max")
        )
        time_based = read_sql(conn, q["time_based"])
        avg_price = read_sql(conn, q["avg_price"])
        users = by_user.merge(rfm, on="user_id").merge(actions, on="user_id")
        users = users.merge(add_to_cart, how="left", on="user_id").merge(max_vals, how="left", on="user_id")
        users = users.merge(time_based, on="user_id").merge(avg_price, on="user_id")
        # The left joins leave users without carts empty: zeros, as the study filled them.
        return users.fillna(0)

    users = phases.run("features: the study's queries into pandas, merged per user", features)
    phases.run("write the modelling table", lambda: users.to_csv(args.out, index=False))
    conn.close()
    print(
        json.dumps(
            {
                "phases": phases.timings,
                "wallSeconds": round(time.perf_counter() - phases.started, 3),
                # ru_maxrss is in KiB on Linux: the Python process only (the server's memory is its own).
                "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                "rawRows": raw_rows,
                "cleanedRows": len(df),
                "modellingRows": len(users),
                "users": int(users.user_id.nunique()),
            }
        )
    )


if __name__ == "__main__":
    main()
