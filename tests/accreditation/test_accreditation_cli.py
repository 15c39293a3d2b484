import json

from chemcluster_desktop.cli import main
from tests.accreditation import helpers as h


def test_cli_forms(db_path, tmp_path, capsys):
    f = h.shape_columns(tmp_path / "oos.xlsx")
    db = ["--db", str(db_path)]
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", "Охрана окружающей среды",
                 "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "ничего не записано" in out.out and "строка 14" in out.err.replace("пропущена строка", "строка")
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", "Охрана окружающей среды",
                 "--strict"]) == 1
    assert "Строгий режим" in capsys.readouterr().err
    assert main([*db, "import", "infrastructure-list", str(f), "--competency", "Охрана окружающей среды"]) == 0
    capsys.readouterr()
    assert main([*db, "workshop", "add", "Мастерская ООС", "--room", "Ауд. 305", "--competency",
                 "Охрана окружающей среды", "--workplaces", "0"]) == 1
    assert "рабочих мест" in capsys.readouterr().err
    assert main([*db, "workshop", "add", "Мастерская ООС", "--room", "Ауд. 305", "--competency",
                 "Охрана окружающей среды", "--workplaces", "8"]) == 0
    assert "добавлена" in capsys.readouterr().out
    assert main([*db, "accreditation", "match", "--workshop", "Мастерская ООС"]) == 0
    capsys.readouterr()
    assert main([*db, "accreditation", "status", "--workshop", "Мастерская ООС", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    lines = st.pop("checklist")
    assert [ln["no"] for ln in lines] == [1, 2, 3, 4]
    for ln in lines:  # the shape CLI.md promises, and nothing counted without evidence
        assert {"no", "name", "required", "available", "status", "manual", "evidence"} <= set(ln)
        assert ln["available"] == 0 and ln["status"] == "missing" and ln["manual"] is False
        assert ln["evidence"] == [] and ln["required"] > 0
    assert st == {"workshop": "Мастерская ООС", "workplaces": 8, "lines": 4, "met": 0, "partial": 0, "missing": 4,
                  "coverage_percent": 0.0}
    assert main([*db, "accreditation", "status", "--workshop", "Нет такой"]) == 1
    assert "не найдена" in capsys.readouterr().err
    pdf = tmp_path / "p.pdf"
    assert main([*db, "report", "accreditation", "--workshop", "Мастерская ООС", "-o", str(pdf)]) == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_cli_refuses_bad_file(db_path, tmp_path, capsys):
    f = h.not_a_list(tmp_path / "pupils.xlsx")
    assert main(["--db", str(db_path), "import", "infrastructure-list", str(f), "--competency", "X"]) == 1
    assert "не похож на инфраструктурный лист" in capsys.readouterr().err
