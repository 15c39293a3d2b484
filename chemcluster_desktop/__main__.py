import gc

from chemcluster_desktop.cli import main

rc = main()
# The process ends here: move everything it imported out of the collector's reach, so the
# interpreter's final collections do not walk SQLAlchemy's, Alembic's and reportlab's objects
# (~0.2 s of every headless command). atexit handlers and open files are handled as usual.
gc.freeze()
raise SystemExit(rc)
