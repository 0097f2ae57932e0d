"""The every-route benchmark still runs: it visits every page of a small account and reports each one."""
import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "every_route.py"


def test_benchmark_visits_every_page_of_a_small_account(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script puts benchmarks/ and tests/web/ in front
    spec = importlib.util.spec_from_file_location("every_route_benchmark", SCRIPT)
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    rows = benchmark.run(tmp_path, None, people=300, repeat=1, top=5)
    output = capsys.readouterr().out
    assert "pages of 300 people on sqlite" in output and "| page | p50 | ratio |" in output
    urls = {row[0] for row in rows}
    assert {"/", "/people/", "/events", "/followups/", "/calendar/agenda"} <= urls and len(rows) > 100
    assert all(status < 500 and size > 0 and seconds > 0 for _url, seconds, _ratio, status, size, _n in rows)
