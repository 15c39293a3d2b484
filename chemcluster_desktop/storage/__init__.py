"""Database layer: SQLAlchemy 2 models, engine, migrations. No Qt here."""
