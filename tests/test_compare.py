"""`lpaae compare` and `lpaae paper` on hand-made CSVs: output and exit status."""

import subprocess
import sys

import pandas as pd

from lpaae.cli import main


def write(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


ROWS = [
    {"method": "aae", "dataset": "digits", "code_size": 16, "is_mean": 4.0, "is_std": 0.1},
    {"method": "learned_prior", "dataset": "digits", "code_size": 16, "is_mean": 6.0, "is_std": 0.2},
]


def test_identical_tables_pass(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    assert main(["compare", a, a]) == 0
    out = capsys.readouterr().out
    assert "4 passed, 0 failed; 0 mismatches" in out


def test_cell_beyond_tolerance_fails_and_is_shown(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    changed = [dict(ROWS[0]), dict(ROWS[1], is_mean=6.5)]
    b = write(tmp_path / "b.csv", changed)
    assert main(["compare", a, b, "--rtol", "0.05"]) == 1
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if "learned_prior" in l and "is_mean" in l)
    assert "6" in line and "6.5" in line and "-0.5" in line and "FAIL" in line
    assert main(["compare", a, b, "--rtol", "0.1"]) == 0  # 0.5 <= 0.1 * 6.5


def test_per_metric_tolerances_from_yaml(tmp_path):
    a = write(tmp_path / "a.csv", ROWS)
    b = write(tmp_path / "b.csv", [dict(r, is_std=r["is_std"] * 3) for r in ROWS])
    tol = tmp_path / "tol.yaml"
    tol.write_text("is_std: {atol: 1.0}\n")
    assert main(["compare", a, b]) == 1
    assert main(["compare", a, b, "--tolerances", str(tol)]) == 0


def test_mismatched_keys_fail(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    b = write(tmp_path / "b.csv", [ROWS[0], dict(ROWS[1], method="vae")])
    assert main(["compare", a, b]) == 1
    out = capsys.readouterr().out
    assert "only in the first table" in out and "learned_prior" in out
    assert "only in the second table" in out and "vae" in out


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    assert main(["compare", a, str(tmp_path / "nope.csv")]) == 2
    assert "nope.csv" in capsys.readouterr().err


def test_paper_comparison(tmp_path, capsys):
    table = write(tmp_path / "t.csv", [
        {"method": "aae", "is_mean": 2.2, "paper_is": 2.15, "comparable_with_paper": True},
        {"method": "vae", "is_mean": 4.0, "paper_is": 3.00, "comparable_with_paper": True},
        {"method": "real", "is_mean": 9.0, "paper_is": float("nan"), "comparable_with_paper": True},
    ])
    assert main(["paper", table, "--rtol", "0.1"]) == 1
    out = capsys.readouterr().out
    assert "1 within tolerance of the paper, 1 not" in out and "real" not in out


def test_console_script_entry_point(tmp_path):
    a = write(tmp_path / "a.csv", ROWS)
    result = subprocess.run([sys.executable, "-m", "lpaae.cli", "compare", a, a],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "passed" in result.stdout


def test_a_cell_that_is_not_a_number_fails_naming_it(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    b = write(tmp_path / "b.csv", [ROWS[0], dict(ROWS[1], is_mean="abc")])
    assert main(["compare", a, b]) == 1
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if "learned_prior" in l and "is_mean" in l)
    assert "abc" in line and "not a number" in line
    assert "is_mean (2 cells)" in out and "1 failed" in out


def test_a_metric_column_in_one_table_only_is_a_mismatch_unless_excluded(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    b = write(tmp_path / "b.csv", [{("score" if k == "is_mean" else k): v for k, v in r.items()}
                                   for r in ROWS])
    assert main(["compare", a, b]) == 1
    out = capsys.readouterr().out
    assert "metric column 'is_mean' only in the first table" in out
    assert "metric column 'score' only in the second table" in out
    assert main(["compare", a, b, "--exclude", "is_mean,score"]) == 0


def test_a_renamed_key_column_is_a_mismatch_not_a_cross_join(tmp_path, capsys):
    a = write(tmp_path / "a.csv", ROWS)
    b = write(tmp_path / "b.csv", [{("name" if k == "method" else k): v for k, v in r.items()}
                                   for r in ROWS])
    assert main(["compare", a, b]) == 1
    assert "key column 'method' only in the first table" in capsys.readouterr().out


def test_a_named_metric_missing_from_a_table_is_bad_input_naming_the_file(tmp_path, capsys):
    a = write(tmp_path / "a.csv", [{k: v for k, v in r.items() if k != "is_std"} for r in ROWS])
    b = write(tmp_path / "b.csv", ROWS)
    assert main(["compare", a, b, "--metrics", "is_std"]) == 2
    err = capsys.readouterr().err
    assert "a.csv" in err and "is_std" in err


def test_paper_on_a_table_without_its_columns_is_bad_input(tmp_path, capsys):
    losses = write(tmp_path / "losses.csv", [{"step": 1, "code_d_loss": 0.7}])
    assert main(["paper", losses]) == 2
    err = capsys.readouterr().err
    assert "losses.csv" in err and "paper_is" in err


def test_paper_fails_a_score_that_is_not_a_number(tmp_path, capsys):
    table = write(tmp_path / "t.csv", [
        {"method": "aae", "is_mean": "abc", "paper_is": 2.15, "comparable_with_paper": True},
        {"method": "vae", "is_mean": 3.0, "paper_is": 3.00, "comparable_with_paper": True}])
    assert main(["paper", table]) == 1
    assert "not a number" in capsys.readouterr().out


def test_an_unparseable_csv_is_bad_input_naming_the_file(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    good = write(tmp_path / "a.csv", ROWS)
    assert main(["compare", good, str(bad)]) == 2
    assert "bad.csv" in capsys.readouterr().err
