"""The M4 benchmark's peer: statsforecast (Nixtla) on the same series, in the same run.

Reads the M4 hourly layout, forecasts 48 steps per series with AutoETS (season 24) and MSTL
(seasons 24 and 168, AutoETS trend), one core, and prints JSON on stdout:
{"models": {name: {"seconds": s, "forecasts": {id: [48 values]}}}, "version": v, "warmupSeconds": s}.
Numba compiles on first use; that one-off cost is measured on a warm-up series and reported apart.

usage: peer.py <data dir> [limit]
"""

import csv
import json
import sys
import time

import numpy as np
import pandas as pd
import statsforecast
from statsforecast import StatsForecast
from statsforecast.models import MSTL, AutoETS

HORIZON = 48


def read_rows(path, limit):
    rows = []
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for cells in reader:
            if not cells:
                continue
            rows.append((cells[0], [float(c) for c in cells[1:] if c != ""]))
            if limit and len(rows) >= limit:
                break
    return rows


def frame(rows):
    ids, ds, ys = [], [], []
    for sid, values in rows:
        ids.extend([sid] * len(values))
        ds.extend(range(1, len(values) + 1))
        ys.extend(values)
    return pd.DataFrame({"unique_id": ids, "ds": ds, "y": np.asarray(ys, dtype=float)})


def models():
    return {
        "AutoETS": lambda: AutoETS(season_length=24),
        "MSTL": lambda: MSTL(season_length=[24, 168], trend_forecaster=AutoETS(model="ZZN")),
    }


def run(model, df):
    sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    started = time.perf_counter()
    out = sf.forecast(df=df, h=HORIZON)
    seconds = time.perf_counter() - started
    out = out.reset_index() if "unique_id" not in out.columns else out
    column = [c for c in out.columns if c not in ("unique_id", "ds", "index")][0]
    forecasts = {}
    for sid, group in out.groupby("unique_id", sort=False):
        forecasts[str(sid)] = [float(v) for v in group.sort_values("ds")[column]]
    return seconds, forecasts


def main():
    data_dir = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    rows = read_rows(f"{data_dir}/Hourly-train.csv", limit)
    df = frame(rows)
    warm = frame(rows[:1])
    result = {"version": statsforecast.__version__, "models": {}}
    warm_started = time.perf_counter()
    for make in models().values():
        run(make(), warm)
    result["warmupSeconds"] = time.perf_counter() - warm_started
    for name, make in models().items():
        seconds, forecasts = run(make(), df)
        result["models"][name] = {"seconds": seconds, "forecasts": forecasts}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
