"""No emoji stands for an icon in the interface: without an emoji font (Windows 7-era fonts, a Debian
without fonts-noto-color-emoji) «🔒» was drawn as an empty box. Icons are the bundled SVGs
(ui/icons.py). The dingbats ✓ ✕ ⚠ ✎ (and their heavier forms) go too: DejaVu Sans has them, but the
Windows office fonts the program is shown in (Segoe UI, Arial, Tahoma) lack some of them, and Qt then
falls back to another font or a box — they are the bundled icons or words now («да», «Внимание:»,
«(вручную)», the due items' chip with its close icon)."""

from __future__ import annotations

from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "chemcluster_desktop"


# check marks, crosses, the warning sign and the pencil: in the BMP, missing from some Windows fonts
SYMBOLS = frozenset("\u2713\u2714\u2715\u2716\u2717\u2718\u26a0\u270e\u270f\u2710")


def _emoji(text: str) -> list[str]:
    # the emoji blocks are outside the BMP (U+1F000…); U+FE0F asks a font for the emoji presentation
    return [ch for ch in text if ord(ch) > 0xFFFF or ch == "\ufe0f" or ch in SYMBOLS]


def test_no_emoji_in_the_interface_or_the_command_line():
    found = []
    for folder in ("ui", "commands"):
        for path in sorted((PKG / folder).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.lstrip().startswith("#"):
                    continue
                if _emoji(line.split("  #")[0]):
                    found.append(f"{path.relative_to(PKG)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
    assert _emoji("закреплённые 🔒") == ["🔒"]  # the check sees the emoji it is for
    assert _emoji("Выполнено \u270e, \u2713 \u2715 \u26a0") == ["\u270e", "\u2713", "\u2715", "\u26a0"]  # and the symbols


def test_the_icons_that_replace_the_symbols_are_shipped():
    from chemcluster_desktop.ui.icons import svg_path

    assert svg_path("close-circle-outline").is_file()


def test_the_lock_icon_is_shipped():
    from chemcluster_desktop.ui.icons import svg_path

    assert svg_path("lock-outline").is_file()
