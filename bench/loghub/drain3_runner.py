# Runs Drain3 (PyPI) with its default configuration over the systems given on stdin as JSON
# ({"systems": [{"name": ..., "contents": [...]}], "repeats": N}) and prints, as JSON, each
# line's final template and the least CPU time (process_time) of the mining loop over `repeats`
# fresh runs.
import json
import sys
import time

from drain3 import TemplateMiner
from drain3.template_miner_config import TemplateMinerConfig


def mine(contents):
    config = TemplateMinerConfig()  # Drain3's defaults: sim_th 0.4, depth 4, max_children 100
    config.profiling_enabled = False
    miner = TemplateMiner(config=config)
    start = time.process_time()
    ids = [miner.add_log_message(line)["cluster_id"] for line in contents]
    elapsed = time.process_time() - start
    by_id = {c.cluster_id: c.get_template() for c in miner.drain.clusters}
    return [by_id[i] for i in ids], elapsed


def main():
    job = json.load(sys.stdin)
    out = []
    for system in job["systems"]:
        best = None
        templates = None
        for _ in range(max(1, job.get("repeats", 1))):
            templates, elapsed = mine(system["contents"])
            best = elapsed if best is None else min(best, elapsed)
        out.append({"name": system["name"], "templates": templates, "seconds": best})
    json.dump({"systems": out}, sys.stdout)


if __name__ == "__main__":
    main()
