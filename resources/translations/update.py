"""Refresh the English translation: ``python resources/translations/update.py``

1. ``pyside6-lupdate`` over every ``chemcluster_desktop/**/*.py`` (``-source-language ru
   -target-language en``) updates ``chemcluster_en.ts``; existing translations are kept.
2. lupdate only sees literal ``translate("Context", "…")`` / ``tr("…")`` calls, so a small AST pass
   adds what our helpers hide from it: ``_t("…")`` where the module's ``_t`` wraps
   ``translate("Context", s)``, ``self.tr_("…")`` and page attributes (``title_text``,
   ``empty_text``) with the page's ``context``, ``BasePage.ACTIONS`` labels, ``Column`` headers and
   badge labels with the context of the module's ``PagedTableModel(..., context=…)``,
   navigation titles.
3. Untranslated messages are filled from ``en_phrases.py`` (``PHRASES``: Russian source → English;
   ``CONTEXT_PHRASES``: (context, source) → English for the few that differ by context). A
   translation already in the .ts (e.g. made in Qt Linguist) is kept.
4. ``pyside6-lrelease`` compiles ``chemcluster_en.qm``.

``--check`` prints the untranslated messages and exits 1 when there are any (for CI or review).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PKG = ROOT / "chemcluster_desktop"
TS = HERE / "chemcluster_en.ts"
QM = HERE / "chemcluster_en.qm"

TRANSLATE_NAMES = {"translate"}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    if exe.is_file():
        return str(exe)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


# --- AST extraction --------------------------------------------------------------------------------
_CONSTS: dict[str, str] = {}  # module-level NAME = "text" of the module being read


def _str(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in _CONSTS:
        return _CONSTS[node.id]
    return None


def _aliases(tree: ast.Module) -> set[str]:
    """Local names bound to a translate function: ``tr = QCoreApplication.translate``."""
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            v = n.value
            if (isinstance(v, ast.Attribute) and v.attr == "translate") or (
                    isinstance(v, ast.Name) and v.id == "translate"):
                out.add(n.targets[0].id)
    return out


def _is_translate_call(node) -> bool:
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
    return name in TRANSLATE_NAMES and len(node.args) >= 2


def _helper_contexts(tree: ast.Module) -> dict[str, str]:
    """``def _t(s): return QCoreApplication.translate("Ctx", s)`` → {"_t": "Ctx"} (functions at any
    level, so nested helpers count too)."""
    out: dict[str, str] = {}
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef) or not fn.args.args:
            continue
        params = [a.arg for a in fn.args.args if a.arg != "self"]
        if not params:
            continue
        for n in ast.walk(fn):
            if _is_translate_call(n) and _str(n.args[0]) is not None and isinstance(n.args[1], ast.Name) \
                    and n.args[1].id in params:
                out[fn.name] = _str(n.args[0])
                break
    return out


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text("utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return None


def _read_consts(tree: ast.Module) -> None:
    _CONSTS.clear()
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name) \
                and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str):
            _CONSTS[st.targets[0].id] = st.value.value


def all_helpers(files: list[Path]) -> dict[str, dict[str, str]]:
    """module name → its translate helpers (``{"_t": "Inventory"}``), for the modules that import a
    helper from another (``from …._common import _t``: the area packages share one per area)."""
    out: dict[str, dict[str, str]] = {}
    for f in files:
        tree = _parse(f)
        if tree is not None:
            _read_consts(tree)
            out[_module_name(f)] = _helper_contexts(tree)
    return out


def _imported_helpers(tree: ast.Module, path: Path, helpers: dict[str, dict[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    pkg = _module_name(path).split(".")
    if path.name == "__init__.py":
        pkg.append("__init__")  # ``from . import x`` in a package's __init__ is the package itself
    for n in ast.walk(tree):
        if not isinstance(n, ast.ImportFrom):
            continue
        if n.level:
            base = pkg[:-n.level]
            src = ".".join(base + ([n.module] if n.module else []))
        else:
            src = n.module or ""
        known = helpers.get(src, {})
        for a in n.names:
            if a.name in known:
                out[a.asname or a.name] = known[a.name]
    return out


def extract(path: Path, helpers_by_module: dict[str, dict[str, str]] | None = None) -> list[tuple[str, str, int]]:
    """(context, source, line) for the strings lupdate cannot see."""
    tree = _parse(path)
    if tree is None:
        return []
    found: list[tuple[str, str, int]] = []
    helpers = {}
    if helpers_by_module:
        helpers.update(_imported_helpers(tree, path, helpers_by_module))
    _read_consts(tree)
    helpers.update(_helper_contexts(tree))
    aliases = _aliases(tree)
    model_contexts = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call):
            fname = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
            if fname == "PagedTableModel" or fname.endswith("TableModel"):
                for kw in n.keywords:
                    if kw.arg == "context" and _str(kw.value):
                        model_contexts.add(_str(kw.value))
    # pages: class attribute ``context``
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        ctx = None
        attrs: dict[str, ast.AST] = {}
        for st in cls.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
                attrs[st.targets[0].id] = st.value
            elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
                attrs[st.target.id] = st.value
        if "context" in attrs and _str(attrs["context"]):
            ctx = _str(attrs["context"])
        if ctx:
            for a in ("title_text", "empty_text"):
                if a in attrs and _str(attrs[a]):
                    found.append((ctx, _str(attrs[a]), attrs[a].lineno))
            for n in ast.walk(cls):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("tr_",) \
                        and n.args and _str(n.args[0]):
                    found.append((ctx, _str(n.args[0]), n.lineno))
                if _is_translate_call(n) and isinstance(n.args[0], ast.Attribute) and \
                        n.args[0].attr == "context" and _str(n.args[1]):
                    found.append((ctx, _str(n.args[1]), n.lineno))
        elif any(isinstance(b, ast.Name) and b.id.endswith(("Tab", "Page")) for b in cls.bases):
            # a page's tab (ListTab …) or a page without its own context: BasePage.tr_ finds these in "Page"
            for a in ("title", "title_text", "empty_text"):
                if a in attrs and _str(attrs[a]):
                    found.append(("Page", _str(attrs[a]), attrs[a].lineno))
        if "search_placeholder" in attrs and _str(attrs["search_placeholder"]):
            found.append(("Page", _str(attrs["search_placeholder"]), attrs["search_placeholder"].lineno))
        if "ACTIONS" in attrs and isinstance(attrs["ACTIONS"], ast.List):
            for el in attrs["ACTIONS"].elts:
                if isinstance(el, ast.Tuple) and len(el.elts) > 2 and _str(el.elts[2]):
                    found.append(("Page", _str(el.elts[2]), el.lineno))
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call):
            continue
        fname = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
        if fname in aliases and len(n.args) >= 2 and _str(n.args[0]) and _str(n.args[1]):
            found.append((_str(n.args[0]), _str(n.args[1]), n.lineno))
        elif _is_translate_call(n) and _str(n.args[0]) and _str(n.args[1]):
            # translate(CTX, "…"); and literal contexts too: lupdate misses those inside f-strings
            found.append((_str(n.args[0]), _str(n.args[1]), n.lineno))
        elif fname in helpers and n.args and _str(n.args[0]) is not None:
            found.append((helpers[fname], _str(n.args[0]), n.lineno))
        elif fname == "PageEntry" and len(n.args) > 1 and _str(n.args[1]):
            found.append(("Navigation", _str(n.args[1]), n.lineno))
        elif fname == "Column" and model_contexts:
            texts = []
            if len(n.args) > 1 and _str(n.args[1]):
                texts.append(_str(n.args[1]))
            for kw in n.keywords:
                if kw.arg == "header" and _str(kw.value):
                    texts.append(_str(kw.value))
                if kw.arg == "badges" and isinstance(kw.value, ast.Dict):
                    for v in kw.value.values:
                        if isinstance(v, ast.Tuple) and v.elts and _str(v.elts[0]):
                            texts.append(_str(v.elts[0]))
                elif kw.arg == "badges" and isinstance(kw.value, ast.Name):  # badges=STATUS_BADGES
                    texts.extend(_module_vocab(tree).get(kw.value.id, ([], 0))[0])
            for ctx in model_contexts:
                found.extend((ctx, t, n.lineno) for t in texts)
    found.extend(_vocabulary(tree, helpers))
    if path.name.startswith("report_"):  # a document kind's name (services.printing.title: context "Reports")
        for st in tree.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name) \
                    and st.targets[0].id in ("TITLE", "DESCRIPTION") and _str(st.value):
                found.append(("Reports", _str(st.value), st.lineno))
    return [(c, s, ln) for c, s, ln in found if s.strip()]


def _literal_strings(node) -> list[str] | None:
    """The texts of a literal vocabulary: ``{"in_use": "В эксплуатации", …}`` (values; a tuple value
    gives its texts: ``("--room", "Помещение")``), ``("Пн", "Вт", …)``."""
    if isinstance(node, ast.Dict):
        items = node.values
    elif isinstance(node, (ast.List, ast.Tuple)):
        items = node.elts
    else:
        return None
    out = []
    for item in items:
        for v in item.elts if isinstance(item, (ast.Tuple, ast.List)) else [item]:
            if isinstance(v, ast.Constant) and isinstance(v.value, str) and _CYRILLIC.search(v.value):
                out.append(v.value)  # only texts in the source language: not the codes beside them
    return out or None


def _module_vocab(tree: ast.Module) -> dict[str, tuple[list[str], int]]:
    vocab: dict[str, tuple[list[str], int]] = {}
    body = list(tree.body)
    body += [st for cls in tree.body if isinstance(cls, ast.ClassDef) for st in cls.body]  # HEADERS = (…)
    for st in body:
        target = st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else \
            st.target if isinstance(st, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and st.value is not None:
            texts = _literal_strings(st.value)
            if texts:
                vocab[target.id] = (texts, st.lineno)
    return vocab


def _ref(node) -> str | None:
    """``NAME`` or ``self.NAME`` / ``module.NAME``: what may name a vocabulary."""
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _vocabulary(tree: ast.Module, helpers: dict[str, str]) -> list[tuple[str, str, int]]:
    """Module-level vocabularies translated where they are used: ``_t(STATUS_LABELS.get(k, k))``,
    ``_t(DAYS[d])``, ``{k: _t(v[0]) for k, v in COMPUTED.items()}``, ``for k, v in KINDS.items():
    combo.addItem(_t(v), k)`` — every text of the vocabulary, in the helper's context."""
    vocab = _module_vocab(tree)
    if not vocab:
        return []
    bound: dict[str, str] = {}  # loop variable → vocabulary it runs over
    for n in ast.walk(tree):
        loops = [(n.target, n.iter)] if isinstance(n, (ast.For, ast.comprehension)) else []
        for target, it in loops:
            names = {_ref(x) for x in ast.walk(it) if _ref(x) in vocab}
            if len(names) == 1:
                name = names.pop()
                for t in ast.walk(target):
                    if isinstance(t, ast.Name):
                        bound[t.id] = name
    out: list[tuple[str, str, int]] = []
    done: set[tuple[str, str]] = set()
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call):
            continue
        fname = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
        if fname in helpers and n.args:
            ctx, arg = helpers[fname], n.args[0]
        elif _is_translate_call(n) and _str(n.args[0]) is not None:
            ctx, arg = _str(n.args[0]), n.args[1]
        else:
            continue
        if isinstance(arg, ast.Constant):
            continue
        for x in ast.walk(arg):
            ref = _ref(x)
            if ref in vocab or (isinstance(x, ast.Name) and ref in bound):
                name = ref if ref in vocab else bound[ref]
                if (ctx, name) not in done:
                    done.add((ctx, name))
                    texts, line = vocab[name]
                    out.extend((ctx, t, line) for t in texts)
    return out


# --- .ts handling ----------------------------------------------------------------------------------
def load_phrases() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """``en_phrases.py`` and then every ``en_phrases_<topic>.py`` beside it (one file per area or
    piece of work, so that parallel work does not edit one dictionary)."""
    phrases: dict[str, str] = {}
    context_phrases: dict[tuple[str, str], str] = {}
    for path in [HERE / "en_phrases.py", *sorted(HERE.glob("en_phrases_*.py"))]:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        phrases.update(getattr(mod, "PHRASES", {}))
        context_phrases.update(getattr(mod, "CONTEXT_PHRASES", {}))
    return phrases, context_phrases


def run_lupdate(files: list[Path]) -> None:
    lst = HERE / ".lupdate-files.lst"
    lst.write_text("\n".join(str(f) for f in files), "utf-8")
    try:
        subprocess.run([_tool("pyside6-lupdate"), "-silent", "-locations", "relative",
                        "-source-language", "ru", "-target-language", "en", f"@{lst}", "-ts", str(TS)],
                       check=True)
    finally:
        lst.unlink(missing_ok=True)


def merge(extra: list[tuple[str, str, str, int]], phrases: dict[str, str],
          ctx_phrases: dict[tuple[str, str], str]) -> tuple[int, int, list[tuple[str, str]]]:
    tree = ET.parse(TS)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.findall("context")}
    wanted: dict[tuple[str, str], tuple[str, int]] = {}
    for ctx, src, fname, line in extra:
        wanted.setdefault((ctx, src), (fname, line))
    # add what lupdate did not see
    for (ctx, src), (fname, line) in wanted.items():
        c = contexts.get(ctx)
        if c is None:
            c = ET.SubElement(root, "context")
            ET.SubElement(c, "name").text = ctx
            contexts[ctx] = c
        msg = next((m for m in c.findall("message") if m.findtext("source") == src), None)
        if msg is None:
            msg = ET.SubElement(c, "message")
            loc = ET.SubElement(msg, "location")
            loc.set("filename", fname)
            loc.set("line", str(line))
            ET.SubElement(msg, "source").text = src
            ET.SubElement(msg, "translation").set("type", "unfinished")
        else:
            tr = msg.find("translation")
            if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                if tr.text:
                    del tr.attrib["type"]
                else:
                    tr.set("type", "unfinished")
            if msg.find("location") is None:
                loc = ET.Element("location")
                loc.set("filename", fname)
                loc.set("line", str(line))
                msg.insert(0, loc)
    filled = 0
    todo: list[tuple[str, str]] = []
    total = 0
    for c in list(root.findall("context")):
        name = c.findtext("name") or ""
        for msg in list(c.findall("message")):
            src = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
                tr.set("type", "unfinished")
            t = tr.get("type")
            comment = msg.findtext("comment")
            if comment and (src, comment) in wanted:
                # ``tr = QCoreApplication.translate; tr("Ctx", "Текст")`` read by lupdate as
                # tr(source="Ctx", disambiguation="Текст"): the AST pass has the real message
                c.remove(msg)
                continue
            if t in ("vanished", "obsolete"):
                c.remove(msg)  # gone from the sources and not ours: keep the file tidy
                continue
            total += 1
            en = ctx_phrases.get((name, src)) or phrases.get(src)
            if t == "unfinished" or not (tr.text or "").strip():
                if en:
                    tr.text = en
                    tr.attrib.pop("type", None)
                    filled += 1
                else:
                    todo.append((name, src))
            elif en and tr.text != en and re.search("[А-Яа-яЁё]", tr.text or ""):
                # a translation that still held Russian (e.g. «КОД» before it became «KOD») takes the
                # corrected phrase; other finished translations are kept as they stand
                tr.text = en
                filled += 1
        if not c.findall("message"):
            root.remove(c)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", "utf-8")
    return total, filled, todo


def run_lrelease() -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="list untranslated messages; exit 1 if any")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    files = sources()
    run_lupdate(files)
    extra = []
    helpers = all_helpers(files)
    for f in files:
        rel = Path("..", "..", f.relative_to(ROOT)).as_posix()
        extra.extend((c, s, rel, ln) for c, s, ln in extract(f, helpers))
    phrases, ctx_phrases = load_phrases()
    total, filled, todo = merge(extra, phrases, ctx_phrases)
    run_lrelease()
    if not args.quiet:
        print(f"{TS.name}: {total} messages, {total - len(todo)} translated ({filled} filled now), "
              f"{len(todo)} untranslated")
        for ctx, src in todo if args.check else todo[:20]:
            print(f"  [{ctx}] {src!r}")
        if todo and not args.check and len(todo) > 20:
            print("  … (--check lists all)")
    return 1 if (args.check and todo) else 0


if __name__ == "__main__":
    raise SystemExit(main())
