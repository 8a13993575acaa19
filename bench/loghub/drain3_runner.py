# Drain3 (PyPI) with its default configuration, as a peer process the benchmark drives one run at
# a time, so that its runs and ours take turns on the same machine.
#
# stdin, one JSON document a line: first {"systems": [{"name": ..., "contents": [...]}]}, then any
# number of {"mine": <system index>, "templates": <bool>}. For each of those, stdout gets one line:
# {"seconds": <CPU time (process_time) of the mining loop>, "templates": [each line's final
# template] or null}. Every run uses a fresh miner.
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
    systems = json.loads(sys.stdin.readline())["systems"]
    for request in sys.stdin:
        job = json.loads(request)
        templates, elapsed = mine(systems[job["mine"]]["contents"])
        sys.stdout.write(json.dumps({"seconds": elapsed, "templates": templates if job.get("templates") else None}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
