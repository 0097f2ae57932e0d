"""The duplicate-detection benchmark still runs, and finds every planted duplicate on a small scale."""
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "find_duplicates.py"


def test_benchmark_runs_and_finds_the_planted_duplicates(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("find_duplicates_benchmark", SCRIPT)
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    benchmark.run(f"sqlite:///{tmp_path / 'bench.db'}", count=400, planted=24, sample=60, seed=3)
    output = capsys.readouterr().out
    assert "| people | 424 (24 planted duplicates) |" in output
    assert "| recall on planted duplicates | 100.0% |" in output
