"""python -m scripts.import_reports: a summary line per file, reasons and exit 1 for a refused one."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from scripts import import_reports
from services import imports
from services.db import make_engine
from shell import clock
from tests.factories import make_account
from tests.imports_support import FIXTURES, NOW


@pytest.fixture
def cli(db_url):
    engine = make_engine(db_url)
    with Session(engine) as session:
        account = make_account(session, "US", ["US", "CA"])
        session.commit()
        ids = account.id, account.merchant_token
    engine.dispose()
    clock.freeze(NOW)
    yield db_url, *ids
    clock.thaw()


def history(db_url: str, account_id: int):
    engine = make_engine(db_url)
    with Session(engine) as session:
        found = [(i.kind, i.filename) for i in imports.import_history(session, account_id)]
    engine.dispose()
    return found


def test_imports_each_file_and_says_so(cli, capsys):
    db_url, account_id, token = cli
    files = [str(FIXTURES / "br_by_date_en_full_us.csv"), str(FIXTURES / "all_orders_us_ca.txt")]
    assert import_reports.main(["--account", token.lower(), "--database-url", db_url, *files]) == 0
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert lines[0].startswith("br_by_date_en_full_us.csv: import #") and lines[0].endswith(
        "business_report_by_date US 2026-07-01…2026-07-03, 3 rows")
    assert lines[1].endswith("all_orders US,CA 2026-06-30…2026-07-02, 10 rows")
    assert "2 cancelled items are not counted." in err
    assert import_reports.main(["--account", token, "--database-url", db_url, files[0]]) == 0
    assert "already imported (import #" in capsys.readouterr().out
    assert len(history(db_url, account_id)) == 2


def test_a_refused_file_prints_its_reasons_and_exits_1_the_others_still_go_in(cli, capsys, tmp_path):
    db_url, account_id, token = cli
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Ordered Product Sales,Units Ordered\n7/1/26,$1.00,x\n", encoding="utf-8")
    code = import_reports.main(["--account", token, "--database-url", db_url, str(bad),
                                str(FIXTURES / "ahr_scores.csv")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "bad.csv: refused\n  line 2, column 'Units Ordered': 'x' is not a whole number" in err
    assert "ahr_scores.csv: import #" in out
    assert history(db_url, account_id) == [("ahr_scores", "ahr_scores.csv")]


def test_period_and_marketplace_options(cli, capsys):
    db_url, account_id, token = cli
    child = str(FIXTURES / "br_by_child_en_us.csv")
    assert import_reports.main(["--account", token, "--database-url", db_url, child]) == 1
    assert "choose the period it covers" in capsys.readouterr().err
    assert import_reports.main(["--account", token, "--database-url", db_url, "--marketplace", "CA",
                                "--period", "2026-06-01:2026-06-30", child]) == 0
    assert "business_report_by_child_asin CA 2026-06-01…2026-06-30" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        import_reports.main(["--account", token, "--period", "June", child])


def test_unknown_account_and_missing_file(cli, capsys):
    db_url, _, _ = cli
    assert import_reports.main(["--account", "NOSUCHTOKEN00", "--database-url", db_url,
                                str(FIXTURES / "ahr_scores.csv")]) == 2
    assert "No account with merchant token NOSUCHTOKEN00" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        import_reports.main(["--account", "X", "--database-url", db_url, "/no/such/file.csv"])
