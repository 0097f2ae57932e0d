"""The calendar feed benchmark still runs, and measures every row it reports on a small account."""
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "calendar_feed.py"


def test_benchmark_runs_on_a_small_account(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("calendar_feed_benchmark", SCRIPT)
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    results = benchmark.run(f"sqlite:///{tmp_path / 'bench.db'}", items=40, repeat=1)
    output = capsys.readouterr().out
    assert "ICS feed of 40 follow-ups on sqlite" in output and "304 / one-query route" in output
    assert all(seconds > 0 for seconds in results.values()) and len(results) == 10
