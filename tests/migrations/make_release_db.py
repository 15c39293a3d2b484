"""Make the database file of a released schema: ``python tests/migrations/make_release_db.py 0.1.0``.

Run it ONCE when a version is released (from the release's checkout): it writes
``tests/migrations/v<VERSION>.sqlite3`` (the demo data of every area, made by that release's
migrations and services) and ``v<VERSION>.json`` (its schema revision and the number of records of each
kind). Commit both and never change them again: ``tests/storage/test_migrations.py`` upgrades every
such file to the newest schema and checks that no record was lost. See README.md, «Data safety → For developers».
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make(version: str) -> Path:
    os.environ.setdefault("CHEMCLUSTER_HOME", tempfile.mkdtemp(prefix="cc-release-"))
    sys.path.insert(0, str(HERE.parents[1]))
    from chemcluster_desktop.services import context, database
    from chemcluster_desktop.services.demo import load_demo
    from chemcluster_desktop.storage import migrate

    dest = HERE / f"v{version}.sqlite3"
    if dest.exists():
        raise SystemExit(f"{dest} exists: a released file is never remade")
    work = Path(tempfile.mkdtemp(prefix="cc-release-db-")) / "release.sqlite3"
    context.open_database(work)
    context.set_actor(context.Actor("admin", "admin", "Администратор"))
    load_demo()
    counts = database.stats()
    revision = migrate.current_revision(context.current().engine)
    with context.read() as s:
        from sqlalchemy import select

        from chemcluster_desktop.storage.core import User
        from chemcluster_desktop.storage.inventory import Item

        sample = {
            "items": [list(r) for r in s.execute(select(Item.inventory_number, Item.name, Item.cost)
                                                 .order_by(Item.id).limit(5))],
            "users": sorted(s.scalars(select(User.login))),
        }
    context.close_database()
    con = sqlite3.connect(work)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("VACUUM")
    con.close()
    dest.write_bytes(work.read_bytes())
    meta = {"version": version, "revision": revision, "counts": counts, "sample": sample}
    (HERE / f"v{version}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, default=str) + "\n",
                                           "utf-8")
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(make(sys.argv[1]))
