"""No emoji stands for an icon in the interface: without an emoji font (Windows 7-era fonts, a Debian
without fonts-noto-color-emoji) «🔒» was drawn as an empty box. Icons are the bundled SVGs
(ui/icons.py); the few symbols left (✓ ✕ ⚠ ✎) are in the Basic Multilingual Plane and in DejaVu Sans
and Segoe UI Symbol, which the program's platforms have."""

from __future__ import annotations

from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "chemcluster_desktop"


def _emoji(text: str) -> list[str]:
    # the emoji blocks are outside the BMP (U+1F000…); U+FE0F asks a font for the emoji presentation
    return [ch for ch in text if ord(ch) > 0xFFFF or ch == "\ufe0f"]


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


def test_the_lock_icon_is_shipped():
    from chemcluster_desktop.ui.icons import svg_path

    assert svg_path("lock-outline").is_file()
