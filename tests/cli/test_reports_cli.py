"""``chemcluster report KIND -o FILE.pdf``: every document kind from the demo data, checked with pypdf
for its title, Cyrillic text and page count; bad filters exit 1 with a message."""

from __future__ import annotations

import pytest

from chemcluster_desktop import cli
from chemcluster_desktop.services import printing
from tests.cluster.helpers import PLAIN_SHEETS, check_pdf


def run(capsys, *args):
    rc = cli.main(list(args))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.parametrize("kind", printing.KINDS)
def test_report_every_kind(kind, demo_db_path, tmp_path, capsys):
    dest = tmp_path / f"{kind}.pdf"
    rc, out, err = run(capsys, "--db", str(demo_db_path), "report", kind, "-o", str(dest))
    assert rc == 0, err
    assert str(dest) in out
    title = printing.title(kind)
    plain = kind in PLAIN_SHEETS
    _text, pages = check_pdf(dest, title, footer=not plain, title_in_text=not plain)
    assert f"страниц: {pages}" in out


def test_report_kpi_period_and_bad_filters(demo_db_path, tmp_path, capsys):
    db = str(demo_db_path)
    dest = tmp_path / "kpi.pdf"
    rc, out, err = run(capsys, "--db", db, "report", "kpi", "-o", str(dest), "--period", "2025")
    assert rc == 0, err
    text, _ = check_pdf(dest, printing.title("kpi"))
    assert "2025" in text
    rc, _out, err = run(capsys, "--db", db, "report", "kpi", "-o", str(dest), "--period", "2099")
    assert rc == 1 and "не существует" in err
    rc, _out, err = run(capsys, "--db", db, "report", "kpi", "-o", str(dest), "--workshop", "X")
    assert rc == 1 and "--workshop" in err
    rc, _out, err = run(capsys, "--db", db, "report", "kpi", "-o", str(tmp_path / "no" / "such" / "dir.pdf"))
    assert rc == 1 and "не существует" in err


def test_report_unknown_workshop(demo_db_path, tmp_path, capsys):
    rc, _out, err = run(capsys, "--db", str(demo_db_path), "report", "accreditation", "-o",
                        str(tmp_path / "a.pdf"), "--workshop", "Нет такой мастерской")
    assert rc == 1
    assert err.strip()


def test_report_unknown_kind(demo_db_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--db", str(demo_db_path), "report", "nothing", "-o", str(tmp_path / "x.pdf")])
    assert e.value.code == 2


def test_report_inventory_filtered_by_kind(demo_db_path, tmp_path, capsys):
    """``--kind`` is a filter of the inventory list, not the document kind: only reagents are listed."""
    dest = tmp_path / "reagents.pdf"
    rc, out, err = run(capsys, "--db", str(demo_db_path), "report", "inventory", "-o", str(dest),
                       "--kind", "reagent")
    assert rc == 0, err
    text, _ = check_pdf(dest, printing.title("inventory"))
    full = tmp_path / "all.pdf"
    rc, _out, err = run(capsys, "--db", str(demo_db_path), "report", "inventory", "-o", str(full))
    assert rc == 0, err
    all_text, _ = check_pdf(full, printing.title("inventory"))
    assert len(text) < len(all_text)
    rc, _out, err = run(capsys, "--db", str(demo_db_path), "report", "inventory", "-o", str(dest),
                        "--kind", "nonsense")
    assert rc == 1 and "nonsense" in err
