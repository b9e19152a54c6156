"""Peers of wiredesk for bench/bench_peers.py, and how their runs are measured and scored."""
