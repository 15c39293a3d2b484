"""College-wide settings used by every report: name, address, ИНН, director, logo, the inventory
number pattern. Kept in the database through :mod:`services.database` (admin only)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from chemcluster_desktop.i18n import QT_TRANSLATE_NOOP, translate
from chemcluster_desktop.services import database
from chemcluster_desktop.services.errors import ValidationError
from chemcluster_desktop.services.security import require

# the institution's requisites printed in the header of every form (ф. 0510439, 0510466, 0504092 …):
# ИНН, КПП, ОКПО, the structural unit, the director and his position, the chief accountant (issue 13)
REQUISITES = ("college.kpp", "college.okpo", "college.unit", "college.director_position", "college.accountant")
KEYS = ("college.name", "college.short_name", "college.address", "college.inn", "college.director",
        *REQUISITES, "inventory.number_pattern", "inventory.low_value_threshold")
LOGO_KEY = "college.logo"
MAX_LOGO_FILE = 5 * 1024 * 1024
LOGO_SIDE = 512
MAX_LOGO_PIXELS = 40_000_000


def _t(s: str) -> str:
    return translate("Settings", s)


# what the journal calls a setting instead of its internal key (the same words as the settings card)
_LABELS = {
    "college.name": QT_TRANSLATE_NOOP("Settings", "Наименование"),
    "college.short_name": QT_TRANSLATE_NOOP("Settings", "Краткое наименование"),
    "college.address": QT_TRANSLATE_NOOP("Settings", "Адрес"),
    "college.inn": QT_TRANSLATE_NOOP("Settings", "ИНН"),
    "college.director": QT_TRANSLATE_NOOP("Settings", "Директор (Ф. И. О.)"),
    "college.director_position": QT_TRANSLATE_NOOP("Settings", "Должность руководителя"),
    "college.kpp": QT_TRANSLATE_NOOP("Settings", "КПП"),
    "college.okpo": QT_TRANSLATE_NOOP("Settings", "Код по ОКПО"),
    "college.unit": QT_TRANSLATE_NOOP("Settings", "Структурное подразделение"),
    "college.accountant": QT_TRANSLATE_NOOP("Settings", "Главный бухгалтер (Ф. И. О.)"),
    "college.logo": QT_TRANSLATE_NOOP("Settings", "Логотип"),
    "inventory.number_pattern": QT_TRANSLATE_NOOP("Settings", "Шаблон инвентарного номера"),
    "inventory.low_value_threshold": QT_TRANSLATE_NOOP("Settings", "Порог малоценного имущества, ₽ за единицу"),
    "demo": QT_TRANSLATE_NOOP("Settings", "Демонстрационные данные"),
    "db.generation": QT_TRANSLATE_NOOP("Settings", "Поколение базы (восстановление из копии)"),
}


def setting_label(key: str) -> str:
    """A setting's name as the settings card shows it; an unknown key is shown as it is."""
    label = _LABELS.get(key)
    return _t(label) if label else key


def current() -> dict[str, str]:
    out = database.get_settings("college.")
    out["inventory.number_pattern"] = database.get_setting("inventory.number_pattern")
    out["inventory.low_value_threshold"] = database.get_setting("inventory.low_value_threshold")
    return out


def logo_png() -> bytes | None:
    raw = database.get_setting(LOGO_KEY)
    if not raw:
        return None
    try:
        return base64.b64decode(raw)
    except (ValueError, TypeError):
        return None


def _logo_for_reports() -> bytes | None:
    from chemcluster_desktop.services import context

    try:
        context.current()
    except RuntimeError:
        return None
    return logo_png()


def register_logo() -> None:
    """Every document's header shows the logo from the settings (reports/styles asks this)."""
    from chemcluster_desktop.reports import logo

    logo.set_provider(_logo_for_reports)


def check_logo(data: bytes, name: str = "") -> bytes:
    """The logo as PNG (at most 512×512), or a ValidationError when the bytes are not an image."""
    what = f"«{name}»" if name else _t("логотипа")
    if not data:
        raise ValidationError(_t("Файл {0} пуст.").format(what), field="logo")
    if len(data) > MAX_LOGO_FILE:
        raise ValidationError(_t("Файл {0} больше 5 МБ: выберите изображение поменьше.").format(what), field="logo")
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as probe:
            w, h = probe.size
            if w <= 0 or h <= 0 or w * h > MAX_LOGO_PIXELS:
                raise ValidationError(_t("Изображение {0} слишком большое ({1}×{2} точек): уменьшите его до "
                                         "нескольких тысяч точек по стороне.").format(what, w, h), field="logo")
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in ("PNG", "JPEG", "GIF", "BMP"):
                raise ValidationError(_t("Файл {0} — изображение формата {1}; нужен PNG, JPEG, GIF или BMP.")
                                      .format(what, img.format), field="logo")
            img.thumbnail((LOGO_SIDE, LOGO_SIDE))
            img = img.convert("RGBA")
            out = io.BytesIO()
            img.save(out, "PNG")
            return out.getvalue()
    except ValidationError:
        raise
    except Exception as e:  # PIL: unidentified, truncated, decompression bomb, broken chunks…
        raise ValidationError(_t("Файл {0} — не изображение или повреждён. Выберите логотип в формате PNG, JPEG, "
                                 "GIF или BMP.").format(what), field="logo") from e


def read_logo_file(path: str | Path) -> bytes:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_LOGO_FILE:
            raise ValidationError(_t("Файл «{0}» больше 5 МБ: выберите изображение поменьше.").format(p.name),
                                  field="logo")
        data = p.read_bytes()
    except OSError as e:
        raise ValidationError(_t("Не удаётся прочитать файл «{0}»: {1}").format(p.name, e.strerror or e),
                              field="logo") from e
    return check_logo(data, p.name)


def validate(values: dict[str, str]) -> dict[str, str]:
    errors: list[tuple[str, str]] = []
    clean = {k: str(values.get(k, "") or "").strip() for k in KEYS if k in values}
    if "college.name" in clean and not clean["college.name"]:
        errors.append(("college.name", _t("Укажите наименование колледжа: оно печатается в каждом документе.")))
    inn = clean.get("college.inn", "")
    if inn and not re.fullmatch(r"\d{10}|\d{12}", inn):
        errors.append(("college.inn", _t("ИНН — 10 цифр (организация) или 12 цифр; введено «{0}».").format(inn)))
    kpp = clean.get("college.kpp", "")
    if kpp and not re.fullmatch(r"\d{4}[0-9A-Z]{2}\d{3}", kpp):
        errors.append(("college.kpp", _t("КПП — 9 знаков (4 цифры, 2 цифры или буквы, 3 цифры); введено «{0}».")
                       .format(kpp)))
    okpo = clean.get("college.okpo", "")
    if okpo and not re.fullmatch(r"\d{8}|\d{10}", okpo):
        errors.append(("college.okpo", _t("Код по ОКПО — 8 цифр (организация) или 10 цифр; введено «{0}».")
                       .format(okpo)))
    pat = clean.get("inventory.number_pattern")
    if pat is not None:
        if "{seq" not in pat:
            errors.append(("inventory.number_pattern",
                           _t("Шаблон инвентарного номера должен содержать {seq} (порядковый номер), "
                              "например ХП-{year}-{seq:06d}.")))
        else:
            try:
                sample = pat.format(year=2026, seq=1, room="101", kind="equipment")
                if not sample.strip() or len(sample) > 64:
                    raise ValueError
            except (KeyError, IndexError, ValueError):
                errors.append(("inventory.number_pattern",
                               _t("Шаблон «{0}» не разобран: допустимы {{year}} и {{seq}} (например, "
                                  "{{seq:06d}}).").format(pat)))
    thr = clean.get("inventory.low_value_threshold")
    if thr is not None:
        try:
            from chemcluster_desktop.xlsx.common import parse_number

            v = parse_number(thr)
            if v is None or v < 0:
                raise ValueError(thr)
            clean["inventory.low_value_threshold"] = format(v.normalize(), "f")
        except ValueError:
            errors.append(("inventory.low_value_threshold",
                           _t("Порог малоценного имущества — сумма в рублях, например 10 000; введено «{0}».")
                           .format(thr)))
    for k, limit in (("college.name", 300), ("college.address", 300), ("college.director", 200),
                     ("college.short_name", 60), ("college.unit", 300), ("college.director_position", 200),
                     ("college.accountant", 200)):
        if len(clean.get(k, "")) > limit:
            errors.append((k, _t("Слишком длинное значение (больше {0} символов).").format(limit)))
    if errors:
        raise ValidationError(errors[0][1], field=errors[0][0], errors=errors)
    return clean


def sample_number(pattern: str) -> str:
    try:
        return pattern.format(year=2026, seq=1, room="101", kind="equipment")
    except (KeyError, IndexError, ValueError):
        return ""


def save(values: dict[str, str], logo: bytes | None | str = "keep") -> None:
    """Save the settings; ``logo``: PNG/JPEG bytes (checked), None to remove it, "keep" to leave it."""
    require("admin")
    clean = validate(values)
    if logo != "keep":
        clean[LOGO_KEY] = "" if logo is None else base64.b64encode(check_logo(logo)).decode("ascii")
    database.set_settings(clean)


register_logo()  # importing this module is enough for every document to carry the logo
